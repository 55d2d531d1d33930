package dev.warmtransfer.bot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.proto.JobSpec;
import java.time.Duration;
import java.util.Map;
import livekit.LivekitAgent.AvailabilityResponse;
import livekit.LivekitAgent.Job;
import livekit.LivekitAgent.WorkerStatus;
import org.junit.jupiter.api.Test;

/** The worker's pure parts: offer answers, load and status, backoff, configuration. */
class WorkerPartsTest {
  private static Job job(String id, String metadata) {
    return Job.newBuilder().setId(id).setMetadata(metadata).build();
  }

  @Test
  void anAssistantOfferIsAcceptedWithItsIdentityAndNoTransferAttribute() {
    String meta = Offers.encodeSpec(JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom("R1").build());
    Offers.Answer a = Offers.answer(job("AJ_x", meta), "AW_1", Capacity.of(0, 5, false));
    AvailabilityResponse r = a.response();
    assertThat(a.accepted()).isTrue();
    assertThat(a.spec().getRoom()).isEqualTo("R1");
    assertThat(r.getJobId()).isEqualTo("AJ_x");
    assertThat(r.getParticipantIdentity()).isEqualTo("wt-assistant-AJ_x");
    assertThat(r.getParticipantAttributesMap())
        .isEqualTo(Map.of("role", "bot", "wt.job", "assistant", "wt.worker", "AW_1"));
  }

  @Test
  void offersAreDeclinedWhenFullDrainingOrUnreadable() {
    String meta = Offers.encodeSpec(JobSpec.newBuilder().setKind(JobSpec.Kind.BRIEFER).build());
    assertThat(Offers.answer(job("AJ_1", meta), "AW", Capacity.of(2, 2, false)).accepted()).isFalse();
    assertThat(Offers.answer(job("AJ_1", meta), "AW", Capacity.of(0, 2, true)).accepted()).isFalse();
    Offers.Answer garbage = Offers.answer(job("AJ_1", "not base64!"), "AW", Capacity.of(0, 2, false));
    assertThat(garbage.accepted()).isFalse();
    assertThat(garbage.reason()).startsWith("metadata:");
    Offers.Answer noKind = Offers.answer(job("AJ_1", Offers.encodeSpec(JobSpec.newBuilder().setRoom("R").build())), "AW",
        Capacity.of(0, 2, false));
    assertThat(noKind.accepted()).isFalse();
    assertThat(noKind.reason()).contains("KIND_UNSPECIFIED");
    assertThat(Offers.answer(job("AJ_1", ""), "AW", Capacity.of(0, 2, false)).reason()).startsWith("metadata:");
  }

  @Test
  void loadStaysBelowLiveKitsTargetWhileASlotIsFree() {
    for (int max = 1; max <= 100; max++) {
      for (int jobs = 0; jobs < max; jobs++) {
        Capacity c = Capacity.of(jobs, max, false);
        assertThat(c.status()).isEqualTo(WorkerStatus.WS_AVAILABLE);
        assertThat(c.load()).isLessThan(0.7f).isGreaterThanOrEqualTo(0f);
      }
      assertThat(Capacity.of(max, max, false).status()).isEqualTo(WorkerStatus.WS_FULL);
      assertThat(Capacity.of(max + 1, max, false).load()).isEqualTo(1f);
    }
    assertThat(Capacity.of(3, 10, false).load()).isGreaterThan(Capacity.of(2, 10, false).load());
    assertThat(Capacity.of(0, 10, true).status()).isEqualTo(WorkerStatus.WS_FULL);
    assertThat(Capacity.of(4, 10, true).jobCount()).isEqualTo(4);
    assertThatThrownBy(() -> Capacity.of(1, 0, false)).hasMessageContaining("maxJobs");
  }

  @Test
  void backoffDoublesUpToItsCeilingWithBoundedSpread() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    assertThat(b.delay(1, 0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.delay(2, 0.5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(b.delay(3, 0.5)).isEqualTo(Duration.ofMillis(2000));
    assertThat(b.delay(6, 0.5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delay(1000, 0.99)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delay(1, 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(b.delay(1, 0.999)).isBetween(Duration.ofMillis(590), Duration.ofMillis(600));
    assertThatThrownBy(() -> b.delay(0, 0.5)).hasMessageContaining("attempt");
  }

  @Test
  void configurationComesFromTheEnvironmentAndNamesWhatIsWrong() {
    WorkerConfig c = WorkerConfig.fromEnv(Map.of("LIVEKIT_URL", "http://lk:7880/", "LIVEKIT_API_SECRET", "s3cret-value",
        "WT_BOT_TOKEN", "bot-credential", "WT_WORKER_MAX_JOBS", "7"));
    assertThat(c.agentName()).isEqualTo("warm-transfer");
    assertThat(c.agentEndpoint()).isEqualTo("ws://lk:7880/agent");
    assertThat(c.maxJobs()).isEqualTo(7);
    assertThat(c.toString()).doesNotContain("s3cret-value").doesNotContain("bot-credential");
    assertThatThrownBy(() -> WorkerConfig.fromEnv(Map.of("LIVEKIT_API_SECRET", "s", "WT_WORKER_MAX_JOBS", "lots")))
        .hasMessageStartingWith("WT_WORKER_MAX_JOBS");
    assertThatThrownBy(() -> WorkerConfig.fromEnv(Map.of())).hasMessageStartingWith("LIVEKIT_API_SECRET");
    assertThatThrownBy(() -> WorkerMain.factory("no.such.Factory")).hasMessageContaining("no.such.Factory");
    assertThat(WorkerMain.factory(RoomJobs.class.getName())).isInstanceOf(RoomJobs.class);
  }
}
