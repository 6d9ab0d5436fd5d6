package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaShardTest {
  @Test
  void replicasSeeDisjointVideosWithinAnEpoch() {
    int size = 103;
    int replicas = 4;
    for (int epoch = 0; epoch < 3; epoch++) {
      Set<Integer> all = new HashSet<>();
      for (int r = 0; r < replicas; r++) {
        ReplicaShard shard = new ReplicaShard(size, r, replicas, 9);
        assertEquals(25, shard.perEpoch());
        for (int k = 0; k < shard.perEpoch(); k++) {
          assertTrue(all.add(shard.video((long) epoch * shard.perEpoch() + k, 0)),
              "a video is seen twice in epoch " + epoch);
        }
      }
      assertEquals(100, all.size());
    }
  }

  @Test
  void everyEpochHasANewOrder() {
    ReplicaShard shard = new ReplicaShard(50, 0, 1, 3);
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    for (int k = 0; k < 50; k++) {
      first.add(shard.video(k, 0));
      second.add(shard.video(50 + k, 0));
    }
    assertNotEquals(first, second);
    assertEquals(new HashSet<>(first), new HashSet<>(second));
  }

  @Test
  void substitutesStayInTheReplicasShard() {
    ReplicaShard r0 = new ReplicaShard(10, 0, 2, 1);
    ReplicaShard r1 = new ReplicaShard(10, 1, 2, 1);
    Set<Integer> shard1 = new HashSet<>();
    for (int k = 0; k < 5; k++) {
      shard1.add(r1.video(k, 0));
    }
    for (int attempt = 0; attempt < 5; attempt++) {
      assertTrue(!shard1.contains(r0.video(2, attempt)));
    }
  }

  @Test
  void fewerVideosThanReplicasIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ReplicaShard(3, 0, 4, 1));
  }
}
