package io.campusguard.hub.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campusguard.devices.Ids;
import io.campusguard.devices.asset.Asset;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the asset import's CSV reader (outside input: a file an IT clerk uploads). In a normal build it
 * replays the saved corpus under {@code src/test/resources/.../AssetCsvFuzzTestInputs/readCsv/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes. The property: reading never throws, every refusal names a row and a field, and
 * whatever is accepted is a valid asset whose ids pass the allow-list (so nothing hostile reaches SQL).
 */
class AssetCsvFuzzTest {

  /** Input: the first byte says whether a partial import is asked for, the rest is the file. */
  @FuzzTest(maxDuration = "30s")
  void readCsv(byte[] input) {
    boolean partial = input.length > 0 && (input[0] & 1) == 1;
    String file = input.length == 0 ? "" : new String(input, 1, input.length - 1, StandardCharsets.UTF_8);

    AssetImport result = AssetCsv.read(new StringReader(file), partial);

    assertThat(result.rowsRead()).isNotNegative();
    for (RowError e : result.errors()) {
      assertThat(e.row()).isNotNegative();
      assertThat(e.field()).isNotBlank();
      assertThat(e.message()).isNotBlank();
    }
    if (!partial && !result.errors().isEmpty()) {
      assertThat(result.accepted()).isEmpty();
    }
    for (Asset a : result.accepted()) {
      assertThat(Ids.isValid(a.assetId())).isTrue();
      assertThat(Ids.isValid(a.campus())).isTrue();
    }
  }
}
