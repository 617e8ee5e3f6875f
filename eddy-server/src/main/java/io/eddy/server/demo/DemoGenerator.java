package io.eddy.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo topics of SPEC §8 with realistic events: orders, cancellations and payments of earlier
 * orders, web-shop orders (named differently, for a combine), door badge-ins (up to 3 minutes late
 * and out of order) and stock movements, some delivered twice (for a deduplicate), and online
 * orders with a customer object and item lines, keyed by order id with a {@code channel} header. On
 * a fresh broker it first writes two hours of history, then a gentle stream of a few events per
 * second.
 */
public final class DemoGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoGenerator.class);
  public static final String ORDERS = "ORDERS.NEW";
  public static final String CANCELLATIONS = "CANCELLATIONS";
  public static final String BADGE_INS = "DOOR.BADGEIN";
  public static final String STOCK = "STOCK.MOVEMENT";
  public static final String PAYMENTS = "PAYMENTS";
  public static final String WEBSHOP_ORDERS = "WEBSHOP.ORDERS";
  public static final String TRANSACTIONS = "TRANSACTIONS";

  /**
   * Online orders (nested): a customer object, item lines with exact prices, a time with the
   * customer's UTC offset; keyed by order id, with a {@code channel} header (web or app).
   */
  public static final String ONLINE_ORDERS = "ONLINE.ORDERS";

  /** A compacted topic keyed by customer id: each message is a customer's tier from its time on. */
  public static final String CUSTOMER_TIERS = "CUSTOMER.TIERS";

  public static final List<String> TOPICS =
      List.of(
          ORDERS,
          CANCELLATIONS,
          BADGE_INS,
          STOCK,
          PAYMENTS,
          WEBSHOP_ORDERS,
          TRANSACTIONS,
          CUSTOMER_TIERS,
          ONLINE_ORDERS);
  private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[] FIRST = {
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Linus", "Katherine", "Tim",
    "Frances", "Ken", "Radia", "Dennis", "Hedy", "Niklaus", "Sophie", "Guido", "Anita", "James"
  };
  private static final String[] LAST = {
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Torvalds",
    "Johnson", "Berners-Lee", "Allen", "Thompson", "Perlman", "Ritchie", "Lamarr", "Wirth",
    "Wilson", "van Rossum", "Borg", "Gosling"
  };
  private static final String[] SIZES = {"XXS", "XS", "S", "M", "L", "XL", "XXL"};
  private static final String[] MATERIALS = {
    "Stonewashed",
    "Acid-washed",
    "Black",
    "Blue",
    "Indigo",
    "Khaki",
    "Grey",
    "Ripped",
    "Raw Denim",
    "Corduroy",
    "Distressed",
    "White"
  };
  private static final String[] STYLES = {
    "Bootcut Jeans", "Skinny Jeans", "Straight-leg Jeans", "Flare Jeans", "Cargo Trousers",
    "Joggers", "Shorts", "Denim Jacket", "Crop Jeans", "Relaxed-fit Jeans"
  };
  private static final double[] STYLE_PRICE = {
    39.99, 34.99, 36.99, 44.99, 29.99, 24.99, 19.99, 59.99, 32.99, 37.99
  };
  private static final String[] REGIONS = {
    "NA", "NA", "NA", "EMEA", "EMEA", "EMEA", "APAC", "APAC", "SA"
  };
  private static final String[] REASONS = {
    "Changed mind",
    "Found a better price",
    "Ordered by mistake",
    "Delivery too slow",
    "Wrong size",
    "Duplicate order"
  };
  // An online customer's country and the UTC offset their order times are written with.
  private static final String[] COUNTRIES = {"DE", "US", "UK", "IN", "FR", "BR"};
  private static final ZoneOffset[] OFFSETS = {
    ZoneOffset.ofHours(1),
    ZoneOffset.ofHours(-5),
    ZoneOffset.UTC,
    ZoneOffset.ofHoursMinutes(5, 30),
    ZoneOffset.ofHours(1),
    ZoneOffset.ofHours(-3)
  };
  private static final DateTimeFormatter WITH_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final String[] WAREHOUSES = {"North", "South", "East", "West", "Central"};
  private static final String[] BUILDINGS = {"A", "B", "C", "D", "E", "F", "G", "H"};

  private final String bootstrap;
  private final KafkaProducer<String, String> producer;
  private final ScheduledExecutorService ticker;
  private final Random random = new Random();
  private final List<String> customers = new ArrayList<>();
  private final List<String> customerIds = new ArrayList<>();
  private final Deque<String> recentOrders = new ArrayDeque<>();

  /** Events produced by an earlier tick that are due later: payments and redeliveries. */
  private final PriorityQueue<Event> later =
      new PriorityQueue<>(Comparator.comparingLong(Event::time));

  private long webshopOrders;
  private long onlineOrders;
  private long transactions;
  private long sent;

  /**
   * One message: its topic, its record timestamp (when it is on the topic), its key, its value and
   * its headers (UTF-8 text).
   */
  record Event(String topic, long time, String key, ObjectNode value, Map<String, String> headers) {
    Event(String topic, long time, String key, ObjectNode value) {
      this(topic, time, key, value, Map.of());
    }

    Event(String topic, long time, ObjectNode value) {
      this(topic, time, null, value);
    }
  }

  DemoGenerator(String bootstrap) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "eddy-demo");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "eddy-demo-generator");
              t.setDaemon(true);
              return t;
            });
    for (int i = 0; i < 40; i++) {
      customers.add(FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]);
      customerIds.add(UUID.randomUUID().toString());
    }
  }

  /**
   * Creates the demo topics, writes history when they are empty, and produces events from now on.
   */
  public static DemoGenerator start(String bootstrapServers) {
    DemoGenerator g = new DemoGenerator(bootstrapServers);
    boolean fresh = g.createTopics();
    if (fresh) {
      g.writeHistory(Instant.now());
    }
    g.ticker.scheduleAtFixedRate(g::tick, 1, 1, TimeUnit.SECONDS);
    return g;
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  /** Events produced since start. */
  public synchronized long sent() {
    return sent;
  }

  private boolean createTopics() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15_000))) {
      var existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String t : TOPICS) {
        if (!existing.contains(t)) {
          NewTopic topic = new NewTopic(t, 1, (short) 1);
          missing.add(
              t.equals(CUSTOMER_TIERS)
                  ? topic.configs(Map.of("cleanup.policy", "compact"))
                  : topic);
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "The demo topics could not be created on Kafka at " + bootstrap + ": " + e.getMessage(),
          e);
    }
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(ORDERS, 0);
      return c.endOffsets(List.of(tp), java.time.Duration.ofSeconds(10)).getOrDefault(tp, 0L) == 0;
    }
  }

  /** Two hours of events before {@code now}, each with its event time as the record timestamp. */
  void writeHistory(Instant now) {
    List<Event> events = history(now);
    for (Event e : events) {
      send(e);
    }
    producer.flush();
    LOG.info("Demo generator wrote {} events of history to {}", events.size(), TOPICS);
  }

  /**
   * The events of the two hours before {@code now}, in the order they are on the topics; follow-ups
   * due after {@code now} are kept for the ticks.
   */
  List<Event> history(Instant now) {
    List<Event> events = new ArrayList<>();
    long end = now.toEpochMilli();
    long start = end - TimeUnit.HOURS.toMillis(2);
    for (long t = start; t < end; t += 2_000 + random.nextInt(14_000)) {
      events.addAll(orderWithFollowUps(t, true));
    }
    for (long t = start; t < end; t += 10_000 + random.nextInt(30_000)) {
      events.add(new Event(WEBSHOP_ORDERS, t, webshopOrder(t)));
    }
    for (long t = start; t < end; t += 10_000 + random.nextInt(30_000)) {
      events.add(onlineOrder(t));
    }
    for (long t = start; t < end; t += 1_000 + random.nextInt(9_000)) {
      long happened = t - random.nextInt(180_000);
      events.add(new Event(BADGE_INS, t, badgeIn(happened)));
    }
    for (long t = start; t < end; t += 4_000 + random.nextInt(16_000)) {
      events.addAll(stockMovementMaybeTwice(t));
    }
    for (long t = start; t < end; t += 20_000 + random.nextInt(40_000)) {
      events.addAll(transaction(t));
    }
    // every customer has a tier from the start; then one changes every 1 to 5 minutes
    for (String customerId : customerIds) {
      events.add(tierChange(customerId, start));
    }
    for (long t = start + 60_000; t < end; t += 60_000 + random.nextInt(240_000)) {
      events.add(tierChange(customerIds.get(random.nextInt(customerIds.size())), t));
    }
    // payments and redeliveries due after now are sent live, by the ticks
    List<Event> past = new ArrayList<>();
    for (Event e : events) {
      (e.time() < end ? past : later).add(e);
    }
    past.sort(Comparator.comparingLong(Event::time));
    return past;
  }

  /**
   * An order at {@code time}, most often paid 5 seconds to 9 minutes later (so a 10-minute window
   * join sees a few payments in the next window), sometimes cancelled 1 to 45 minutes later (only
   * when {@code withCancellation}: live, cancellations pick from the recent orders instead).
   */
  private List<Event> orderWithFollowUps(long time, boolean withCancellation) {
    ObjectNode order = order(time);
    List<Event> events = new ArrayList<>();
    events.add(new Event(ORDERS, time, order));
    if (random.nextInt(100) < 90) {
      long paid = time + 5_000 + random.nextInt(535_000);
      events.add(new Event(PAYMENTS, paid, payment(order, paid)));
    }
    if (withCancellation && random.nextInt(100) < 8) {
      long cancel = time + TimeUnit.MINUTES.toMillis(1 + random.nextInt(45));
      events.add(new Event(CANCELLATIONS, cancel, cancellation(order.get("id").asText(), cancel)));
    }
    return events;
  }

  /**
   * A stock movement at {@code time}; one in ten is delivered again 1 to 30 seconds later with the
   * same id and time, as an at-least-once producer does after a retry.
   */
  private List<Event> stockMovementMaybeTwice(long time) {
    ObjectNode movement = stockMovement(time);
    Event first = new Event(STOCK, time, movement);
    if (random.nextInt(100) >= 10) {
      return List.of(first);
    }
    return List.of(first, new Event(STOCK, time + 1_000 + random.nextInt(29_000), movement));
  }

  /**
   * A transaction started at {@code time}: STARTED, then PROCESSING one to three times 20 s to 3
   * minutes apart, then most often COMPLETED, so that some are processed twice within 7 minutes
   * (the detect pattern example) and some take longer or only once.
   */
  private List<Event> transaction(long time) {
    String txid = "TX-" + (100_000 + transactions++);
    double amount = Math.round((10 + random.nextInt(49_000) / 100.0) * 100) / 100.0;
    List<Event> events = new ArrayList<>();
    events.add(new Event(TRANSACTIONS, time, transactionState(txid, "STARTED", amount, time)));
    long at = time;
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      at += 20_000 + random.nextInt(160_000);
      events.add(new Event(TRANSACTIONS, at, transactionState(txid, "PROCESSING", amount, at)));
    }
    if (random.nextInt(100) < 85) {
      at += 10_000 + random.nextInt(110_000);
      events.add(new Event(TRANSACTIONS, at, transactionState(txid, "COMPLETED", amount, at)));
    }
    return events;
  }

  ObjectNode transactionState(String txid, String state, double amount, long time) {
    ObjectNode o = JSON.createObjectNode();
    o.put("txid", txid);
    o.put("state", state);
    o.put("amount", amount);
    o.put("ts", TIME.format(Instant.ofEpochMilli(time)));
    return o;
  }

  private void tick() {
    try {
      long now = System.currentTimeMillis();
      if (random.nextInt(100) < 60) {
        List<Event> events = orderWithFollowUps(now, false);
        send(events.get(0));
        later.addAll(events.subList(1, events.size()));
        synchronized (recentOrders) {
          recentOrders.addLast(events.get(0).value().get("id").asText());
          if (recentOrders.size() > 200) {
            recentOrders.removeFirst();
          }
        }
      }
      if (random.nextInt(100) < 6) {
        String orderId;
        synchronized (recentOrders) {
          orderId =
              recentOrders.isEmpty()
                  ? null
                  : List.copyOf(recentOrders).get(random.nextInt(recentOrders.size()));
        }
        if (orderId != null) {
          send(new Event(CANCELLATIONS, now, cancellation(orderId, now)));
        }
      }
      if (random.nextInt(100) < 10) {
        send(new Event(WEBSHOP_ORDERS, now, webshopOrder(now)));
      }
      if (random.nextInt(100) < 10) {
        send(onlineOrder(now));
      }
      if (random.nextInt(100) < 40) {
        // badge readers upload late: up to 3 minutes, so events arrive out of order
        send(new Event(BADGE_INS, now, badgeIn(now - random.nextInt(180_000))));
      }
      if (random.nextInt(100) < 5) {
        List<Event> events = transaction(now);
        send(events.get(0));
        later.addAll(events.subList(1, events.size()));
      }
      // about every 20 seconds: a temporal enrichment waits for its versions topic to move on
      if (random.nextInt(100) < 5) {
        send(tierChange(customerIds.get(random.nextInt(customerIds.size())), now));
      }
      if (random.nextInt(100) < 25) {
        List<Event> events = stockMovementMaybeTwice(now);
        send(events.get(0));
        later.addAll(events.subList(1, events.size()));
      }
      while (!later.isEmpty() && later.peek().time() <= now) {
        send(later.poll());
      }
    } catch (RuntimeException e) {
      LOG.warn("The demo generator could not produce: {}", e.getMessage());
    }
  }

  private synchronized void send(Event e) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(e.topic(), null, e.time(), e.key(), e.value().toString());
    e.headers()
        .forEach(
            (name, text) ->
                record.headers().add(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    producer.send(record);
    sent++;
  }

  /**
   * A customer's new tier from {@code time} on, keyed by the customer's id (the orders'
   * customerid).
   */
  Event tierChange(String customerId, long time) {
    ObjectNode o = JSON.createObjectNode();
    o.put("customerid", customerId);
    o.put("tier", TIERS[random.nextInt(TIERS.length)]);
    o.put("updatetime", TIME.format(Instant.ofEpochMilli(time)));
    return new Event(CUSTOMER_TIERS, time, customerId, o);
  }

  ObjectNode order(long time) {
    int c = random.nextInt(customers.size());
    int style = random.nextInt(STYLES.length);
    String size = SIZES[random.nextInt(SIZES.length)];
    double price = STYLE_PRICE[style] + (size.startsWith("XX") ? 5 : 0) + random.nextInt(3) * 2.5;
    ObjectNode o = JSON.createObjectNode();
    o.put("id", UUID.randomUUID().toString());
    o.put("customer", customers.get(c));
    o.put("customerid", customerIds.get(c));
    o.put(
        "description",
        size + " " + MATERIALS[random.nextInt(MATERIALS.length)] + " " + STYLES[style]);
    o.put("price", Math.round(price * 100) / 100.0);
    o.put("quantity", 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(5)));
    o.put("region", REGIONS[random.nextInt(REGIONS.length)]);
    o.put("ordertime", TIME.format(Instant.ofEpochMilli(time)));
    return o;
  }

  ObjectNode payment(ObjectNode order, long time) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", UUID.randomUUID().toString());
    o.put("orderid", order.get("id").asText());
    double amount = order.get("price").asDouble() * order.get("quantity").asInt();
    o.put("amount", Math.round(amount * 100) / 100.0);
    o.put("paytime", TIME.format(Instant.ofEpochMilli(time)));
    return o;
  }

  /** A web-shop order: the same kind of event as an order, with its own property names. */
  /**
   * An online order at {@code time}: 1 to 3 item lines (SKU, description, quantity, price with two
   * decimals), their exact total, the customer (id, name, country) and the time written with the
   * customer's UTC offset; keyed by the order id, with header {@code channel} web or app.
   */
  Event onlineOrder(long time) {
    ObjectNode o = JSON.createObjectNode();
    String id = "w-" + (1001 + onlineOrders++);
    o.put("id", id);
    int c = random.nextInt(customers.size());
    int country = c % COUNTRIES.length;
    ObjectNode customer = o.putObject("customer");
    customer.put("id", customerIds.get(c));
    customer.put("name", customers.get(c));
    customer.put("country", COUNTRIES[country]);
    com.fasterxml.jackson.databind.node.ArrayNode items = o.putArray("items");
    java.math.BigDecimal total = java.math.BigDecimal.ZERO.setScale(2);
    int lines = 1 + random.nextInt(3);
    for (int i = 0; i < lines; i++) {
      int style = random.nextInt(STYLES.length);
      String size = SIZES[random.nextInt(SIZES.length)];
      int qty = 1 + random.nextInt(3);
      java.math.BigDecimal price = java.math.BigDecimal.valueOf(STYLE_PRICE[style]).setScale(2);
      ObjectNode item = items.addObject();
      item.put("sku", String.format("%s-%02d", size, style + 1));
      item.put(
          "description",
          size + " " + MATERIALS[random.nextInt(MATERIALS.length)] + " " + STYLES[style]);
      item.put("qty", qty);
      item.put("price", price);
      total = total.add(price.multiply(java.math.BigDecimal.valueOf(qty)));
    }
    o.put("total", total);
    o.put("ordertime", WITH_OFFSET.format(Instant.ofEpochMilli(time).atOffset(OFFSETS[country])));
    return new Event(
        ONLINE_ORDERS, time, id, o, Map.of("channel", random.nextInt(100) < 60 ? "web" : "app"));
  }

  ObjectNode webshopOrder(long time) {
    ObjectNode order = order(time);
    ObjectNode o = JSON.createObjectNode();
    o.put("orderId", "W-" + (100_000 + webshopOrders++));
    o.put("customerName", order.get("customer").asText());
    o.put("region", order.get("region").asText());
    o.put("price", order.get("price").asDouble());
    o.put("quantity", order.get("quantity").asInt());
    o.put("placedat", TIME.format(Instant.ofEpochMilli(time)));
    return o;
  }

  ObjectNode cancellation(String orderId, long time) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", UUID.randomUUID().toString());
    o.put("orderid", orderId);
    o.put("canceltime", TIME.format(Instant.ofEpochMilli(time)));
    o.put("reason", REASONS[random.nextInt(REASONS.length)]);
    return o;
  }

  ObjectNode badgeIn(long time) {
    ObjectNode o = JSON.createObjectNode();
    o.put("recordid", UUID.randomUUID().toString());
    o.put(
        "door",
        BUILDINGS[random.nextInt(BUILDINGS.length)]
            + "-"
            + random.nextInt(6)
            + "-"
            + (1 + random.nextInt(40)));
    o.put(
        "employee",
        (FIRST[random.nextInt(FIRST.length)] + "." + LAST[random.nextInt(LAST.length)])
            .toLowerCase()
            .replace(" ", ""));
    o.put("badgetime", TIME.format(Instant.ofEpochMilli(time)));
    return o;
  }

  ObjectNode stockMovement(long time) {
    int style = random.nextInt(STYLES.length);
    ObjectNode o = JSON.createObjectNode();
    o.put("movementid", UUID.randomUUID().toString());
    o.put("warehouse", WAREHOUSES[random.nextInt(WAREHOUSES.length)]);
    o.put(
        "product",
        SIZES[random.nextInt(SIZES.length)]
            + " "
            + MATERIALS[random.nextInt(MATERIALS.length)]
            + " "
            + STYLES[style]);
    int q = 1 + random.nextInt(50);
    o.put("quantity", random.nextInt(3) == 0 ? -q : q * 2);
    o.put("updatetime", TIME.format(Instant.ofEpochMilli(time)));
    return o;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
