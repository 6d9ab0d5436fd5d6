package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PixelValuesTest {
  @Test
  void everyByteSurvivesTheRoundTripExactly() {
    for (int v = 0; v < 256; v++) {
      float unit = PixelValues.toUnit(v);
      assertEquals(v / 127.5 - 1, unit, 1e-6, "value " + v);
      assertEquals(v, PixelValues.toByte(unit) & 0xff, "value " + v);
    }
  }

  @Test
  void endsOfTheRangeAndBeyondClamp() {
    assertEquals(-1f, PixelValues.toUnit(0));
    assertEquals(1f, PixelValues.toUnit(255));
    assertEquals(0, PixelValues.toByte(-3f) & 0xff);
    assertEquals(255, PixelValues.toByte(2.5f) & 0xff);
    assertEquals(128, PixelValues.toByte(0f) & 0xff, "round(127.5) = 128");
  }
}
