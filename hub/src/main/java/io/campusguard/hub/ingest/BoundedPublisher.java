package io.campusguard.hub.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * QoS 1 publishes of one Paho session, at most {@code maxInFlight} at a time, the rest queued in order. Paho refuses
 * a publish outright (32202, "too many publishes in progress") once the broker's receive maximum is reached
 * (Mosquitto's default is 20); under load that refused commit acks, so gateways resent whole windows and the hub
 * refused the acks again. Queued here, every ack goes out as soon as a slot frees. All state lives on
 * {@code calls}, a single thread, which Paho's completion callbacks hop back onto.
 */
final class BoundedPublisher {
  private record Pending(String topic, byte[] payload, Promise<Void> done) {}

  // Bumped when the session is renewed: completions of publishes sent before no longer free a slot of this one.
  private long generation;

  private final Supplier<MqttAsyncClient> client;
  private final Executor calls;
  private final int maxInFlight;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  BoundedPublisher(Supplier<MqttAsyncClient> client, Executor calls, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: must be at least 1");
    }
    this.client = client;
    this.calls = calls;
    this.maxInFlight = maxInFlight;
  }

  /** Succeeds when the broker has the message; fails when the session refuses it for another reason than a full window. */
  Future<Void> publish(String topic, byte[] payload) {
    Promise<Void> done = Promise.promise();
    calls.execute(() -> {
      queue.add(new Pending(topic, payload, done));
      pump();
    });
    return done.future();
  }

  /** Messages waiting for a slot, for tests and metrics; read on any thread (a stale value is fine). */
  int queued() {
    return queue.size();
  }

  private void pump() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      Pending next = queue.peek();
      long sentIn = generation;
      try {
        client.get().publish(next.topic(), next.payload(), 1, false, null, new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            calls.execute(() -> finished(next, sentIn, null));
          }

          @Override
          public void onFailure(IMqttToken token, Throwable exception) {
            calls.execute(() -> finished(next, sentIn, exception));
          }
        });
        queue.poll();
        inFlight++;
      } catch (MqttException e) {
        if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && inFlight > 0) {
          // The broker's window is smaller than ours: wait for one of ours to finish, then try again.
          return;
        }
        queue.poll();
        next.done().tryFail(e);
      } catch (RuntimeException e) {
        queue.poll();
        next.done().tryFail(e);
      }
    }
  }

  /**
   * The session was lost and made anew: publishes still in flight may never complete (a clean start forgets
   * them), so their slots are freed. A commit ack lost that way is recovered by the gateway's resend.
   */
  void sessionRenewed() {
    calls.execute(() -> {
      generation++;
      inFlight = 0;
      pump();
    });
  }

  private void finished(Pending p, long sentIn, Throwable failure) {
    if (sentIn == generation) {
      inFlight--;
    }
    if (failure == null) {
      p.done().tryComplete();
    } else {
      p.done().tryFail(failure);
    }
    pump();
  }
}
