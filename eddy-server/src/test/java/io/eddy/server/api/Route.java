package io.eddy.server.api;

/**
 * A route of the server's route table ({@code EddyServer.routes()}: "METHOD /path/{param}"), for
 * the tests that call every route.
 */
record Route(String method, String pattern) {
  static Route parse(String route) {
    int space = route.indexOf(' ');
    return new Route(route.substring(0, space), route.substring(space + 1));
  }

  /** A path the route answers, with {@code x} for each path parameter. */
  String path() {
    return pattern.replaceAll("\\{[^}]+}", "x");
  }
}
