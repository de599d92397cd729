package io.campusguard.hub.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetCsvTest {
  private static final String HEADER = "asset_id,campus,room,category,make,model,purchase_date,price,warranty_end\n";

  /** Verifies that a good file imports every row, and export then import gives the same register. */
  @Test
  void goodFileRoundTrips() {
    String csv =
        HEADER
            + "LP-017-MMP-001,LP-017,初二(3)班,multimedia_platform,Seewo,F65EA,2015-09-01,12800.00,2018-09-01\n"
            + "LP-017-TPC-001,LP-017,\"办公室1, 二楼\",teacher_pc,Lenovo,QiTian M430,2016-03-15,4800,\n";

    AssetImport result = AssetCsv.read(new StringReader(csv), false);

    assertThat(result.errors()).isEmpty();
    assertThat(result.accepted()).hasSize(2);
    assertThat(result.accepted().get(1).room()).isEqualTo("办公室1, 二楼");
    assertThat(result.accepted().get(1).warrantyEnd()).isNull();
    StringBuilder out = new StringBuilder();
    AssetCsv.write(result.accepted(), out);
    assertThat(AssetCsv.read(new StringReader(out.toString()), false).accepted()).isEqualTo(result.accepted());
  }

  /** Verifies that each bad row is named with its row and field, and nothing is imported unless asked. */
  @Test
  void badRowsAreNamedAndNothingImported() {
    String csv =
        HEADER
            + "A1,LP-017,r1,teacher_pc,Lenovo,M430,2016-03-15,4800,\n"
            + "A/2,LP-017,r1,teacher_pc,Lenovo,M430,2016-03-15,4800,\n"
            + "A3,LP-017,r1,toaster,Lenovo,M430,2016-03-15,4800,\n"
            + "A4,LP-017,r1,teacher_pc,Lenovo,M430,15/03/2016,4800,\n"
            + "A5,LP-017,r1,teacher_pc,Lenovo,M430,2016-03-15,-1,\n"
            + "A6,LP-017,r1,teacher_pc,Lenovo,M430,2016-03-15,4800,2015-01-01\n"
            + "A1,LP-017,r1,teacher_pc,Lenovo,M430,2016-03-15,4800,\n"
            + "A8,LP-017,r1,teacher_pc\n";

    AssetImport strict = AssetCsv.read(new StringReader(csv), false);
    AssetImport partial = AssetCsv.read(new StringReader(csv), true);

    assertThat(strict.accepted()).isEmpty();
    assertThat(strict.errors())
        .extracting(e -> e.row() + ":" + e.field())
        .containsExactly("2:asset_id", "3:category", "4:purchase_date", "5:price", "6:warranty_end", "7:asset_id", "8:row");
    assertThat(strict.errors().get(5).message()).contains("already on row 1");
    assertThat(partial.accepted()).extracting(Asset::assetId).containsExactly("A1");
  }

  /** Verifies that a missing column refuses the file at once, naming the column. */
  @Test
  void missingColumnRefusesTheFile() {
    AssetImport r = AssetCsv.read(new StringReader("asset_id,campus\nA1,LP-017\n"), true);
    assertThat(r.accepted()).isEmpty();
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.field()).contains("room").contains("category"));
  }

  /** Verifies that an exported cell a spreadsheet would run as a formula is defused. */
  @Test
  void exportDefusesFormulas() {
    Asset a = new Asset("A1", "LP-017", "=HYPERLINK(\"x\")", AssetCategory.CAMERA, "+cmd", "m", LocalDate.of(2020, 1, 1), BigDecimal.TEN, null);
    StringBuilder out = new StringBuilder();
    AssetCsv.write(List.of(a), out);
    assertThat(out.toString()).contains("'=HYPERLINK").contains("'+cmd");
  }
}
