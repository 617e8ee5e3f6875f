package io.eddy.server.api;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Checks that an address speaks Kafka before a Kafka client connects to it. The client (4.2) reads
 * a 4-byte length and allocates that much with no limit (KIP-498 was never adopted), so a port
 * answering anything else — an HTTP server's {@code HTTP/1.1 400} reads as a 1.2 GB length — costs
 * the server its memory. The probe sends the smallest Kafka request (ApiVersions v0, which a broker
 * answers before any authentication) and accepts only an answer of a sane length carrying the
 * request's correlation id; it never allocates more than {@link #MAX_ANSWER} bytes.
 */
final class KafkaProbe {
  /** A broker's ApiVersions answer is a few hundred bytes. */
  static final int MAX_ANSWER = 64 * 1024;

  private static final short API_VERSIONS = 18;
  private static final int CORRELATION_ID = 0x0edd1;
  private static final byte[] CLIENT_ID = "eddy-probe".getBytes(StandardCharsets.UTF_8);

  private KafkaProbe() {}

  /** Thrown when the address does not answer like a Kafka broker, in time. */
  static final class NotKafkaException extends Exception {
    NotKafkaException(String detail, Throwable cause) {
      super(detail, cause);
    }
  }

  /**
   * Returns when {@code host:port} answers an ApiVersions request like a Kafka broker within {@code
   * timeoutMs}.
   */
  static void check(String host, int port, int timeoutMs) throws NotKafkaException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMs);
      socket.setSoTimeout(remaining(deadline));
      OutputStream out = socket.getOutputStream();
      out.write(request());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int size = in.readInt();
      if (size < 4 || size > MAX_ANSWER) {
        throw new NotKafkaException("answer length " + size, null);
      }
      socket.setSoTimeout(remaining(deadline));
      if (in.readInt() != CORRELATION_ID) {
        throw new NotKafkaException("wrong correlation id", null);
      }
    } catch (IOException e) {
      throw new NotKafkaException(e.getClass().getSimpleName(), e);
    }
  }

  private static int remaining(long deadline) throws NotKafkaException {
    long ms = (deadline - System.nanoTime()) / 1_000_000L;
    if (ms <= 0) {
      throw new NotKafkaException("timed out", null);
    }
    return (int) ms;
  }

  /** ApiVersions v0: size, api key, api version, correlation id, client id; an empty body. */
  static byte[] request() {
    ByteBuffer b = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + CLIENT_ID.length);
    b.putInt(b.capacity() - 4);
    b.putShort(API_VERSIONS).putShort((short) 0).putInt(CORRELATION_ID);
    b.putShort((short) CLIENT_ID.length).put(CLIENT_ID);
    return b.array();
  }
}
