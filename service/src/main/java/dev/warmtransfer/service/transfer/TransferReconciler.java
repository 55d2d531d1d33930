package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.livekit.LiveKitControl;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import livekit.LivekitModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start: every open transfer is compared with what LiveKit holds now (rooms, who is in them),
 * and the machine decides what that means (B joined meanwhile, the caller left, hold again...).
 */
public final class TransferReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(TransferReconciler.class);
  private final TransferService transfers;
  private final LiveKitControl livekit;

  public TransferReconciler(TransferService transfers, LiveKitControl livekit) {
    this.transfers = transfers;
    this.livekit = livekit;
  }

  /** @return false when LiveKit could not be asked (try again later) */
  public boolean run() {
    List<Transfer> open = transfers.store().open();
    if (open.isEmpty()) {
      return true;
    }
    try {
      Set<String> rooms = new HashSet<>();
      for (LivekitModels.Room r : livekit.listRooms()) {
        rooms.add(r.getName());
      }
      for (Transfer t : open) {
        Map<String, Set<String>> present = new HashMap<>();
        for (String room : List.of(t.fromRoom(), t.newRoom())) {
          Set<String> in = new HashSet<>();
          if (rooms.contains(room)) {
            livekit.participants(room).forEach(p -> in.add(p.getIdentity()));
          }
          present.put(room, in);
        }
        transfers.apply(t.id(), new TransferEvent.Reconciled(transfers.now(), rooms, present));
      }
      LOG.info("event=transfers_reconciled open={}", open.size());
      return true;
    } catch (RuntimeException e) {
      LOG.warn("event=transfers_reconcile_failed open={} error=\"{}\"", open.size(), e.getMessage());
      return false;
    }
  }
}
