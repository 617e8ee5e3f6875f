package io.eddy.server.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a signed-in caller may do (docs/security.md). Each role includes the ones before it: a
 * viewer sees flows, results and jobs; an editor also changes, runs, imports and exports flows; an
 * admin also deploys, stops, resumes and cancels jobs and manages API tokens (users are managed
 * with {@code eddy users} on the server's machine).
 */
public enum Role {
  VIEWER,
  EDITOR,
  ADMIN;

  /** True when this role may do what {@code needed} may. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The name used in the API, files and CLI: {@code viewer}, {@code editor}, {@code admin}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code id} (any case), or an error that lists the roles. */
  @JsonCreator
  public static Role parse(String id) {
    if (id != null) {
      for (Role role : values()) {
        if (role.id().equalsIgnoreCase(id.strip())) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException(
        "There is no role `" + id + "`: the roles are viewer, editor and admin.");
  }
}
