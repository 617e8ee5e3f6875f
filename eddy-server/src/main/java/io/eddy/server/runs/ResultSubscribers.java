package io.eddy.server.runs;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The browsers following each flow's results over server-sent events. A subscriber gets each event
 * once, in order, and a comment every 15 s that keeps an idle stream open through proxies and idle
 * timeouts; one that cannot be written to is dropped. The caller keeps {@link #attach} and {@link
 * #send} of one flow from interleaving, so that a subscriber joining during a run misses nothing.
 */
final class ResultSubscribers {
  private final Map<String, List<Subscriber>> byFlow = new ConcurrentHashMap<>();

  ResultSubscribers(ScheduledExecutorService heartbeat) {
    heartbeat.scheduleAtFixedRate(this::beat, 15, 15, TimeUnit.SECONDS);
  }

  /** Adds a subscriber to the flow's results, after sending it {@code kept} (oldest first). */
  void attach(String flowId, SseClient sse, long lastEventId, List<EventBuffer.Entry> kept) {
    List<Subscriber> subscribers = of(flowId);
    Subscriber subscriber = new Subscriber(sse, lastEventId);
    sse.onClose(() -> subscribers.remove(subscriber));
    kept.forEach(subscriber::send);
    subscribers.add(subscriber);
  }

  /** Sends an event of the flow to each of its subscribers that has not had it. */
  void send(String flowId, EventBuffer.Entry event) {
    List<Subscriber> subscribers = byFlow.get(flowId);
    if (subscribers == null) {
      return; // nobody follows this flow: no list is made for it
    }
    for (Subscriber s : subscribers) {
      try {
        s.send(event);
      } catch (RuntimeException e) {
        subscribers.remove(s);
      }
    }
  }

  /** Ends the streams of the flow's subscribers and forgets them. */
  void closeAll(String flowId) {
    List<Subscriber> subscribers = byFlow.remove(flowId);
    if (subscribers != null) {
      subscribers.forEach(s -> s.sse.close());
    }
  }

  /** Ends every stream. */
  void closeAll() {
    byFlow.keySet().forEach(this::closeAll);
  }

  private List<Subscriber> of(String flowId) {
    return byFlow.computeIfAbsent(flowId, id -> new CopyOnWriteArrayList<>());
  }

  private void beat() {
    for (List<Subscriber> subscribers : byFlow.values()) {
      for (Subscriber s : subscribers) {
        try {
          s.comment("keep-alive");
        } catch (RuntimeException e) {
          subscribers.remove(s);
        }
      }
    }
  }

  /** One stream; sends are serialised and never repeat an event. */
  private static final class Subscriber {
    final SseClient sse;
    long lastSent;

    Subscriber(SseClient sse, long lastSent) {
      this.sse = sse;
      this.lastSent = lastSent;
    }

    synchronized void send(EventBuffer.Entry e) {
      if (e.seq() > lastSent && !sse.terminated()) {
        sse.sendEvent("message", e.json(), String.valueOf(e.seq()));
        lastSent = e.seq();
      }
    }

    synchronized void comment(String text) {
      if (!sse.terminated()) {
        sse.sendComment(text);
      }
    }
  }
}
