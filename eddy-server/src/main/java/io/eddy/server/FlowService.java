package io.eddy.server;

import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.analysis.FlowReport;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.analysis.Problem;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.Credentials;
import io.eddy.core.model.Flow;
import io.eddy.server.store.FlowStore;
import io.eddy.server.store.SecretCipher;
import io.eddy.server.store.StoreException;
import io.eddy.server.store.StoredFlow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store plus the analysis of stored flows (cached per flow revision) and the compiler. */
public final class FlowService {
  private static final Logger LOG = LoggerFactory.getLogger(FlowService.class);

  private final FlowStore store;
  private final FlowAnalyzer analyzer;
  private final SqlCompiler compiler;
  private final Map<String, FlowReport> reports =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FlowReport> eldest) {
          return size() > 1_000;
        }
      };

  public FlowService(FlowStore store, FlowAnalyzer analyzer) {
    this.store = store;
    this.analyzer = analyzer;
    this.compiler = new SqlCompiler(analyzer);
  }

  public FlowStore store() {
    return store;
  }

  public FlowAnalyzer analyzer() {
    return analyzer;
  }

  public SqlCompiler compiler() {
    return compiler;
  }

  /** The report of a stored flow, computed once per revision. */
  public FlowReport report(StoredFlow flow) {
    String key = flow.id() + "@" + flow.revision();
    synchronized (reports) {
      FlowReport cached = reports.get(key);
      if (cached != null) {
        return cached;
      }
    }
    FlowReport report = contained(flow);
    synchronized (reports) {
      reports.put(key, report);
    }
    return report;
  }

  /**
   * The analysis of one flow, whatever happens inside it: a failure (Flink's planner throws Errors
   * for some inputs) makes that flow not valid, with a problem that says so, and never fails the
   * request, nor the flow list, for other flows.
   */
  private FlowReport contained(StoredFlow flow) {
    try {
      return analyzer.report(flow.flow());
    } catch (RuntimeException | AssertionError | StackOverflowError | LinkageError e) {
      LOG.warn("Flow {} (revision {}) could not be analysed", flow.id(), flow.revision(), e);
      String message =
          "The flow could not be checked: the analysis failed on it (the server log has the"
              + " details under flow "
              + flow.id()
              + ").";
      return new FlowReport(
          false, List.of(message), List.of(Problem.ofFlow("analysis.failed", message)), List.of());
    }
  }

  /**
   * Refuses a flow that is not valid, with its problems: the flow's own, then every node's that is
   * not valid (its messages, or its status when it has none).
   *
   * @param action what only a valid flow can do, completing "Only a valid flow can ...": "run", "be
   *     deployed"
   * @throws ServiceException CONFLICT with the problems
   */
  public void requireValid(StoredFlow stored, String action) {
    requireValid(report(stored), "Only a valid flow can " + action);
  }

  /**
   * Refuses what {@code report} finds not valid, starting the message with {@code refusal} (e.g.
   * "Only a valid flow can run").
   *
   * @throws ServiceException CONFLICT with the problems
   */
  public void requireValid(FlowReport report, String refusal) {
    if (report.valid()) {
      return;
    }
    List<String> problems = new ArrayList<>(report.problems());
    for (NodeReport n : report.nodes()) {
      if (n.status() != NodeStatus.VALID) {
        String name = n.name() == null ? n.id() : n.name();
        if (n.messages().isEmpty()) {
          problems.add("Node `" + name + "` is " + n.status().json() + ".");
        }
        n.messages().forEach(m -> problems.add("Node `" + name + "`: " + m));
      }
    }
    throw new ServiceException(
        ServiceException.Reason.CONFLICT,
        refusal + ": " + (problems.isEmpty() ? "" : problems.get(0)),
        problems,
        report.details());
  }

  /**
   * Why {@code flow} cannot be saved as it is, or null: a secret sealed by another Eddy (or
   * damaged) cannot be opened here, and keeping it would lose the secret silently.
   */
  public String foreignSealProblem(Flow flow) {
    for (Credentials.Secret secret : Credentials.find(flow)) {
      if (!SecretCipher.isEncrypted(secret.value())) {
        continue;
      }
      try {
        store.unseal(secret.value());
      } catch (StoreException e) {
        return "Node `"
            + (secret.nodeName() == null ? secret.nodeId() : secret.nodeName())
            + "`: "
            + secret.field().label()
            + " holds a sealed secret that another Eddy made (or that is damaged); type the"
            + " secret again.";
      }
    }
    return null;
  }

  /**
   * Refuses a flow holding a sealed secret this server cannot open.
   *
   * @throws ServiceException INVALID saying which node and field
   */
  public void requireOwnSeals(Flow flow) {
    String problem = foreignSealProblem(flow);
    if (problem != null) {
      throw new ServiceException(ServiceException.Reason.INVALID, problem);
    }
  }

  /** The flow as API answers show it: secrets sealed, never in plain text. */
  public Flow sealed(Flow flow) {
    return store.sealed(flow);
  }

  /** The report of any document (not cached). */
  public FlowReport report(Flow flow) {
    return analyzer.report(flow);
  }
}
