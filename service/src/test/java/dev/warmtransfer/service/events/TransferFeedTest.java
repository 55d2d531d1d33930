package dev.warmtransfer.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A change reaches consoles once: the instance that ran a notify and the relay that read the same
 * change from the database both publish it, and neither may tell an older state after a newer one.
 */
class TransferFeedTest {
  @Test
  void eachVersionIsToldOnceAndNeverAfterANewerOne() {
    TransferFeed feed = new TransferFeed();
    List<String> told = new CopyOnWriteArrayList<>();
    feed.subscribe(new TransferFeed.Subscriber() {
      @Override
      public void onChange(TransferFeed.Change change) {
        told.add(change.transferId() + "@" + change.version());
      }
    });
    feed.publish(change("tr_a", 1));
    feed.publish(change("tr_a", 1)); // the relay read what the notify told
    feed.publish(change("tr_a", 3));
    feed.publish(change("tr_a", 2)); // a slower reader's older copy
    feed.publish(change("tr_b", 1));
    assertThat(told).containsExactly("tr_a@1", "tr_a@3", "tr_b@1");
    assertThat(feed.isNew("tr_a", 3)).isFalse();
    assertThat(feed.isNew("tr_a", 4)).isTrue();
    assertThat(feed.isNew("tr_c", 1)).isTrue();
  }

  private static TransferFeed.Change change(String id, long version) {
    return new TransferFeed.Change(id, "alice", "bob", version, "view of " + id + " at " + version);
  }
}
