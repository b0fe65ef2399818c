package dev.invitegate.worker.servicebus;

import static dev.invitegate.runtime.logging.LogValues.field;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import dev.invitegate.runtime.StartupFailure;
import dev.invitegate.worker.settlement.FatalErrorListener;
import dev.invitegate.worker.settlement.MessageHandler;
import dev.invitegate.worker.settlement.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServiceBusProcessorClient} in peek-lock mode without auto-complete: every message is
 * settled by {@link MessageHandler}, at most {@code concurrency} at a time. Stopping gives
 * in-flight messages a bounded time to finish before the links close.
 */
public final class ServiceBusEventConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceBusEventConsumer.class);

  private final ServiceBusClientBuilder clients;
  private final String queue;
  private final MessageHandler handler;
  private final FatalErrorListener fatalErrors;
  private final ServiceBusProcessorClient processor;
  private final InFlight inFlight = new InFlight();
  private final InFlight givingBack = new InFlight();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch giveBack = new CountDownLatch(1);
  private final CountDownLatch linksClosed = new CountDownLatch(1);
  private volatile boolean stopping;

  public ServiceBusEventConsumer(
      ServiceBusClientBuilder clients,
      String queue,
      int concurrency,
      MessageHandler handler,
      FatalErrorListener fatalErrors) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.fatalErrors = Objects.requireNonNull(fatalErrors, "fatalErrors");
    this.processor =
        clients
            .processor()
            .queueName(queue)
            .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
            .disableAutoComplete()
            .maxConcurrentCalls(concurrency)
            .processMessage(this::process)
            .processError(this::processError)
            .buildProcessorClient();
  }

  /**
   * Checks the queue exists and the credentials are accepted, then starts receiving.
   *
   * @throws StartupFailure naming the queue when it is missing or access is denied
   */
  public void start() {
    try (ServiceBusReceiverClient probe =
        clients
            .receiver()
            .queueName(queue)
            .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
            .buildClient()) {
      probe.peekMessage();
    } catch (ServiceBusException e) {
      ServiceBusProblem problem = ServiceBusProblem.of(e, queue, "receiving", "Data Receiver");
      if (problem.configuration()) {
        throw new StartupFailure(problem.message(), e);
      }
      // Anything else (a blip while connecting) the processor retries by itself.
      LOG.warn("event=servicebus_probe_failed queue={} reason={}", queue, e.getReason());
    }
    processor.start();
    LOG.info("event=receiving queue={}", queue);
  }

  /**
   * From now on messages are held unprojected until {@link #stop} gives them back; used when a
   * fatal condition makes projecting pointless, so redeliveries do not spin until the stop.
   */
  public void beginStop() {
    stopping = true;
    handler.beginShutdown();
  }

  /**
   * Stops taking new work, waits up to {@code timeout} for messages being projected, gives back the
   * ones that arrived meanwhile, then closes the links.
   *
   * <p>The processor keeps delivering until it is closed, and closing it first would fail the
   * settlements still under way. So a message arriving after the stop began is held, unprojected,
   * which also keeps its slot busy and stops further deliveries; once projections are done, held
   * messages are abandoned (once each, so a stop never burns their delivery count in a loop), and
   * the links close. A message arriving in the last instant stays locked until its lock expires.
   */
  public void stop(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    beginStop();
    boolean drained = inFlight.awaitZero(timeout);
    if (!drained) {
      LOG.warn(
          "event=shutdown_timeout inFlight={} note=\"their locks expire and they are redelivered\"",
          inFlight.count());
    }
    giveBack.countDown();
    givingBack.awaitZero(Duration.ofSeconds(2));
    processor.close();
    linksClosed.countDown();
    LOG.info("event=stopped queue={} drained={}", queue, drained);
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }

  private void process(ServiceBusReceivedMessageContext context) {
    if (stopping) {
      holdUntilStopped(context);
      return;
    }
    inFlight.enter();
    try {
      handler.handle(new Received(context));
    } finally {
      inFlight.exit();
    }
  }

  private void holdUntilStopped(ServiceBusReceivedMessageContext context) {
    if (giveBack.getCount() == 0) {
      // Too late to settle safely: hold the slot so nothing else arrives, and let the lock expire.
      awaitQuietly(linksClosed);
      return;
    }
    givingBack.enter();
    try {
      awaitQuietly(giveBack);
      context.abandon();
    } catch (RuntimeException e) {
      LOG.warn("event=give_back_failed queue={} error={}", queue, field(e.toString()));
    } finally {
      givingBack.exit();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void processError(ServiceBusErrorContext context) {
    Throwable error = context.getException();
    ServiceBusProblem problem = ServiceBusProblem.of(error, queue, "receiving", "Data Receiver");
    if (error instanceof ServiceBusException && problem.configuration()) {
      // No retry can fix it: the operator must create the queue or grant access.
      fatalErrors.fatal(problem.message(), error);
      return;
    }
    if (context.getErrorSource() == ServiceBusErrorSource.USER_CALLBACK) {
      LOG.error("event=handler_failed queue={} error={}", queue, field(error.toString()), error);
      return;
    }
    // Connection losses and the like: the processor reconnects by itself.
    LOG.warn(
        "event=servicebus_error queue={} source={} error={}",
        queue,
        context.getErrorSource(),
        field(error.toString()));
  }

  /** The SDK's message context behind the settlement's port. */
  private record Received(ServiceBusReceivedMessageContext context) implements ReceivedMessage {

    private ServiceBusReceivedMessage message() {
      return context.getMessage();
    }

    @Override
    public String messageId() {
      String id = message().getMessageId();
      return id == null ? "seq-" + message().getSequenceNumber() : id;
    }

    @Override
    public byte[] body() {
      return message().getBody().toBytes();
    }

    @Override
    public long deliveryCount() {
      return message().getDeliveryCount();
    }

    @Override
    public Optional<Instant> enqueuedTime() {
      return Optional.ofNullable(message().getEnqueuedTime()).map(t -> t.toInstant());
    }

    @Override
    public void complete() {
      context.complete();
    }

    @Override
    public void deadLetter(String reason, String description) {
      context.deadLetter(
          new DeadLetterOptions()
              .setDeadLetterReason(reason)
              .setDeadLetterErrorDescription(description));
    }

    @Override
    public void abandon() {
      context.abandon();
    }
  }

  /**
   * Counts handlers running now, so shutdown can wait for them. A lock and condition, not a
   * monitor: a thread waiting here must not pin a virtual thread's carrier.
   */
  private static final class InFlight {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition none = lock.newCondition();
    private int count;

    void enter() {
      lock.lock();
      try {
        count++;
      } finally {
        lock.unlock();
      }
    }

    void exit() {
      lock.lock();
      try {
        count--;
        if (count == 0) {
          none.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    int count() {
      lock.lock();
      try {
        return count;
      } finally {
        lock.unlock();
      }
    }

    boolean awaitZero(Duration timeout) {
      lock.lock();
      try {
        long left = timeout.toNanos();
        while (count > 0) {
          if (left <= 0) {
            return false;
          }
          left = none.awaitNanos(left);
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } finally {
        lock.unlock();
      }
    }
  }
}
