package io.campusguard.hub.assets;

import io.campusguard.devices.asset.Asset;
import java.util.List;

/**
 * The outcome of reading an asset file. {@code accepted} are the rows to store: all good rows when the file
 * had no errors or a partial import was asked for, none otherwise (a bad file is not half-imported by
 * accident). {@code errors} lists every bad row with its field.
 */
public record AssetImport(List<Asset> accepted, List<RowError> errors, int rowsRead, boolean partial) {
  public AssetImport {
    accepted = List.copyOf(accepted);
    errors = List.copyOf(errors);
  }

  public boolean clean() {
    return errors.isEmpty();
  }
}
