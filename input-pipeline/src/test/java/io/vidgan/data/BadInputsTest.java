package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputsTest {
  @Test
  void failingPolicyRethrows() {
    DatasetException e = new DatasetException("a.png", "broken");
    assertSame(e, assertThrows(DatasetException.class, () -> new BadInputs(false).handle(e)));
  }

  @Test
  void skippingCountsEachInputOnce() throws Exception {
    BadInputs bad = new BadInputs(true);
    bad.handle(new DatasetException("a.png", "broken"));
    bad.handle(new DatasetException("a.png", "broken again"));
    bad.handle(new DatasetException("b.png", "broken"));
    assertEquals(2, bad.count());
    assertEquals(List.of("a.png: broken", "b.png: broken"), bad.problems());
  }
}
