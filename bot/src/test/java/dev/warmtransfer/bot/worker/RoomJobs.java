package dev.warmtransfer.bot.worker;

import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.JobEnded;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixture, not the product's job: a job that joins its room as a real participant with the
 * assignment's token (so of kind AGENT) and stays until it is stopped, its room closes, or the
 * last human (anyone not a bot) has left. Worker processes in tests load it by class name.
 */
public final class RoomJobs implements JobFactory {
  @Override
  public Job create(JobContext context) {
    return new RoomJob(context);
  }

  static final class RoomJob implements Job, RoomListener {
    private final JobContext context;
    private final CompletableFuture<JobOutcome> done = new CompletableFuture<>();
    private final Set<String> humans = ConcurrentHashMap.newKeySet();
    private volatile Room room;
    private volatile boolean sawHuman;

    RoomJob(JobContext context) {
      this.context = context;
    }

    @Override
    public void start() {
      // Listens only: no microphone, so many jobs cost little in a test.
      room = Room.connect(context.url(), context.token(), RoomOptions.defaults().withPublishAudio(false), this);
      if (done.isDone()) {
        room.close();
      }
    }

    @Override
    public void stop(String reason) {
      end(JobOutcome.success(reason));
    }

    @Override
    public CompletableFuture<JobOutcome> done() {
      return done;
    }

    @Override
    public void onParticipantJoined(String identity) {
      if (!identity.startsWith("wt-")) {
        humans.add(identity);
        sawHuman = true;
      }
    }

    @Override
    public void onParticipantLeft(String identity) {
      humans.remove(identity);
      if (sawHuman && humans.isEmpty()) {
        end(JobOutcome.success("no human left"));
      }
    }

    @Override
    public void onDisconnected(Exception cause) {
      end(JobOutcome.success("room closed"));
    }

    private synchronized void end(JobOutcome outcome) {
      if (done.isDone()) {
        return;
      }
      // The product's jobs do the same: say it ended (the worker marks it at LiveKit), then leave.
      context.reports().send(BotReport.newBuilder()
          .setJobEnded(JobEnded.newBuilder().setReason(outcome.reason()).setFailed(outcome.failed())).build());
      Room r = room;
      if (r != null) {
        new Thread(r::close, "room-job-leave").start();
      }
      done.complete(outcome);
    }
  }
}
