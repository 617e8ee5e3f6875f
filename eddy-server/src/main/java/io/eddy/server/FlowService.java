package io.eddy.server;

import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.analysis.FlowReport;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.model.Flow;
import io.eddy.server.store.FlowStore;
import io.eddy.server.store.StoredFlow;
import java.util.LinkedHashMap;
import java.util.Map;

/** The store plus the analysis of stored flows (cached per flow revision) and the compiler. */
public final class FlowService {
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
    FlowReport report = analyzer.report(flow.flow());
    synchronized (reports) {
      reports.put(key, report);
    }
    return report;
  }

  /** The report of any document (not cached). */
  public FlowReport report(Flow flow) {
    return analyzer.report(flow);
  }
}
