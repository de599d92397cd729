package io.campusguard.hub.replacement;

import io.campusguard.devices.asset.AssetCategory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A replacement plan per year: what is replaced (worst first, within the year's budget), what it costs, and
 * what is still at risk at the end of the year; with totals by campus and by category and notes in words
 * (for instance that a year had no budget).
 */
public record FiveYearPlan(
    List<Year> years, Map<String, Totals> byCampus, Map<AssetCategory, Totals> byCategory, List<Reason> notes) {

  public FiveYearPlan {
    years = List.copyOf(years);
    byCampus = Map.copyOf(byCampus);
    byCategory = Map.copyOf(byCategory);
    notes = List.copyOf(notes);
  }

  /** One planned replacement: a single asset, or a whole computer room replaced together. */
  public record Item(String unit, String campus, AssetCategory category, List<String> assetIds, BigDecimal cost, double score) {
    public Item {
      assetIds = List.copyOf(assetIds);
    }
  }

  public record Year(int year, BigDecimal budget, BigDecimal spent, List<Item> items, int atRiskAtEnd, Map<AssetCategory, Integer> atRiskByCategory) {
    public Year {
      items = List.copyOf(items);
      atRiskByCategory = Map.copyOf(atRiskByCategory);
    }
  }

  public record Totals(int assets, BigDecimal cost) {
    Totals plus(int n, BigDecimal c) {
      return new Totals(assets + n, cost.add(c));
    }
  }

  public int plannedAssets(AssetCategory category) {
    return years.stream().flatMap(y -> y.items().stream()).filter(i -> i.category() == category).mapToInt(i -> i.assetIds().size()).sum();
  }

  /** Planned units of a category: for computer-room PCs, rooms. */
  public long plannedUnits(AssetCategory category) {
    return years.stream().flatMap(y -> y.items().stream()).filter(i -> i.category() == category).count();
  }
}
