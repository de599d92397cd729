package io.campusguard.hub.assets;

import io.campusguard.devices.Ids;
import io.campusguard.devices.WireNames;
import io.campusguard.devices.asset.Asset;
import io.campusguard.devices.asset.AssetCategory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The asset register's CSV form, both ways (Apache Commons CSV does the CSV): one header row with
 * {@link #COLUMNS}, dates as {@code yyyy-MM-dd}, price in yuan with at most two decimals, an empty warranty end
 * when unknown. Reading reports every bad row with its field; a file with errors imports nothing unless a
 * partial import is asked for. Duplicated asset ids in one file are errors on the later rows.
 */
public final class AssetCsv {
  public static final List<String> COLUMNS =
      List.of("asset_id", "campus", "room", "category", "make", "model", "purchase_date", "price", "warranty_end");
  public static final int MAX_ROWS = 200_000;
  private static final BigDecimal MAX_PRICE = new BigDecimal("10000000");

  private AssetCsv() {}

  public static AssetImport read(Reader in, boolean allowPartial) {
    List<Asset> good = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int rows = 0;
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
      if (!missing.isEmpty()) {
        errors.add(new RowError(0, String.join(",", missing), "missing column(s); the header must be " + String.join(",", COLUMNS)));
        return new AssetImport(List.of(), errors, 0, allowPartial);
      }
      for (CSVRecord record : parser) {
        rows++;
        if (rows > MAX_ROWS) {
          errors.add(new RowError(rows, "file", "more than " + MAX_ROWS + " rows"));
          break;
        }
        List<RowError> rowErrors = new ArrayList<>();
        Asset asset = parseRow(record, rows, rowErrors);
        if (asset != null) {
          Integer first = seen.putIfAbsent(asset.assetId(), rows);
          if (first != null) {
            rowErrors.add(new RowError(rows, "asset_id", asset.assetId() + " already on row " + first));
            asset = null;
          }
        }
        errors.addAll(rowErrors);
        if (asset != null) {
          good.add(asset);
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      // Commons CSV refuses a header with an empty or repeated name by IllegalArgumentException (found by fuzzing).
      errors.add(new RowError(rows + 1, "file", "not readable as CSV: " + e.getMessage()));
    }
    boolean take = errors.isEmpty() || allowPartial;
    return new AssetImport(take ? good : List.of(), errors, rows, allowPartial);
  }

  private static Asset parseRow(CSVRecord r, int row, List<RowError> errors) {
    if (!r.isConsistent()) {
      errors.add(new RowError(row, "row", "has " + r.size() + " cells, expected " + COLUMNS.size()));
      return null;
    }
    String id = r.get("asset_id");
    if (!Ids.isValid(id)) {
      errors.add(new RowError(row, "asset_id", "not an allowed id (letters, digits, - and _, at most 64): " + shorten(id)));
    }
    String campus = r.get("campus");
    if (!Ids.isValid(campus)) {
      errors.add(new RowError(row, "campus", "not an allowed id: " + shorten(campus)));
    }
    AssetCategory category = WireNames.parse(AssetCategory.class, r.get("category")).orElse(null);
    if (category == null) {
      errors.add(new RowError(row, "category", shorten(r.get("category")) + " is not one of " + WireNames.allowed(AssetCategory.class)));
    }
    LocalDate bought = date(r, "purchase_date", row, errors, true);
    LocalDate warranty = date(r, "warranty_end", row, errors, false);
    BigDecimal price = price(r.get("price"), row, errors);
    for (String text : List.of("room", "make", "model")) {
      String v = r.get(text);
      if (v.isEmpty()) {
        errors.add(new RowError(row, text, "empty"));
      } else if (v.length() > Asset.MAX_TEXT || v.chars().anyMatch(Character::isISOControl)) {
        errors.add(new RowError(row, text, "longer than " + Asset.MAX_TEXT + " characters or contains control characters"));
      }
    }
    if (!errors.isEmpty()) {
      return null;
    }
    if (warranty != null && warranty.isBefore(bought)) {
      errors.add(new RowError(row, "warranty_end", "before purchase_date"));
      return null;
    }
    return new Asset(id, campus, r.get("room"), category, r.get("make"), r.get("model"), bought, price, warranty);
  }

  private static LocalDate date(CSVRecord r, String field, int row, List<RowError> errors, boolean required) {
    String v = r.get(field);
    if (v.isEmpty()) {
      if (required) {
        errors.add(new RowError(row, field, "empty"));
      }
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(v);
      if (d.getYear() < 1990 || d.getYear() > 2100) {
        errors.add(new RowError(row, field, v + " is outside 1990..2100"));
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      errors.add(new RowError(row, field, "not a date (yyyy-MM-dd): " + shorten(v)));
      return null;
    }
  }

  private static BigDecimal price(String v, int row, List<RowError> errors) {
    try {
      BigDecimal p = new BigDecimal(v);
      if (p.signum() < 0 || p.compareTo(MAX_PRICE) > 0 || p.scale() > 2) {
        errors.add(new RowError(row, "price", v + " is not a price in yuan (0..10,000,000, at most two decimals)"));
        return null;
      }
      return p.setScale(2);
    } catch (NumberFormatException e) {
      errors.add(new RowError(row, "price", "not a number: " + shorten(v)));
      return null;
    }
  }

  /** Writes the register; cells that a spreadsheet would run as a formula are quoted with a leading '. */
  public static void write(List<Asset> assets, Appendable out) {
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
      for (Asset a : assets) {
        printer.printRecord(
            a.assetId(), a.campus(), safe(a.room()), WireNames.of(a.category()), safe(a.make()), safe(a.model()),
            a.purchaseDate(), a.price().toPlainString(), a.warrantyEnd() == null ? "" : a.warrantyEnd());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A cell a spreadsheet would run as a formula, quoted with a leading {@code '}. */
  public static String safe(String cell) {
    return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
