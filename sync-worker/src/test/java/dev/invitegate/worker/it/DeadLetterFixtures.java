package dev.invitegate.worker.it;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import dev.invitegate.worker.cli.Cli;
import dev.invitegate.worker.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the dead-letter commands' tests share: filling a dead-letter queue through the SDK as
 * Service Bus would, reading a queue or its dead-letter queue whole without changing it, and
 * running a command in-process.
 */
public final class DeadLetterFixtures {

  private final LocalWorld world;

  public DeadLetterFixtures(LocalWorld world) {
    this.world = world;
  }

  /** A command's exit code and what it printed. */
  public record Run(int exitCode, String out, String err) {}

  /** Runs {@code java -jar sync-worker.jar <args>} in this JVM with {@code env}. */
  public static Run command(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        Cli.execute(
            new CliContext(
                env,
                Clock.systemUTC(),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                false),
            args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /**
   * Publishes each body (with these application properties) and dead-letters it with {@code
   * reason}, as the worker would: through a peek-lock receive and the SDK's dead-letter.
   */
  public void deadLetter(
      String queue, List<byte[]> bodies, String reason, Map<String, Object> properties) {
    try (ServiceBusSenderClient sender = world.sender(queue)) {
      LocalWorld.publish(sender, bodies, properties);
    }
    try (ServiceBusReceiverClient receiver =
        world
            .serviceBusClients()
            .receiver()
            .queueName(queue)
            .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
            .buildClient()) {
      int done = 0;
      while (done < bodies.size()) {
        for (ServiceBusReceivedMessage message :
            receiver.receiveMessages(Math.min(100, bodies.size() - done), Duration.ofSeconds(5))) {
          receiver.deadLetter(
              message,
              new DeadLetterOptions()
                  .setDeadLetterReason(reason)
                  .setDeadLetterErrorDescription("dead-lettered by the test"));
          done++;
        }
      }
    }
  }

  /** Every message of the queue, or of its dead-letter queue, peeked: nothing is locked. */
  public List<ServiceBusReceivedMessage> peekAll(String queue, boolean deadLetterQueue) {
    var builder = world.serviceBusClients().receiver().queueName(queue);
    if (deadLetterQueue) {
      builder.subQueue(SubQueue.DEAD_LETTER_QUEUE);
    }
    try (ServiceBusReceiverClient receiver = builder.buildClient()) {
      List<ServiceBusReceivedMessage> all = new ArrayList<>();
      long from = 0;
      while (true) {
        List<ServiceBusReceivedMessage> page = new ArrayList<>();
        receiver.peekMessages(250, from).forEach(page::add);
        if (page.isEmpty()) {
          return all;
        }
        all.addAll(page);
        from = page.getLast().getSequenceNumber() + 1;
      }
    }
  }
}
