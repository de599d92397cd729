package io.campusguard.simulators.launcher;

import io.campusguard.devices.Ids;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.CountyScenario;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The campus register a command works on: the ids given with {@code --campuses}, or the simulated county's. */
final class CampusIds {
  private CampusIds() {}

  static List<String> resolve(List<String> given, long seed, CommandSpec spec) {
    if (given == null) {
      return CountyScenario.generate(seed).campuses().stream().map(Campus::id).toList();
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : given) {
      if (!Ids.isValid(id)) {
        throw new ParameterException(spec.commandLine(), "campuses: " + id + " is not an allowed id");
      }
      if (!ids.add(id)) {
        throw new ParameterException(spec.commandLine(), "campuses: " + id + " is given twice");
      }
    }
    if (ids.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "campuses: none given");
    }
    return List.copyOf(ids);
  }
}
