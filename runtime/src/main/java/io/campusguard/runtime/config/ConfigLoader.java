package io.campusguard.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads one process's configuration: a YAML file bound onto an immutable record tree, with environment
 * variables overriding single values, validated once at start.
 *
 * <p>Overrides: {@code PREFIX_CAMPUS_BROKER_URL=tcp://…} sets {@code campusBroker.url} (segments match record
 * component names case-insensitively, underscores between words optional). A variable under the prefix that
 * names no field is an error, so a typo never passes silently.
 *
 * <p>Records take their defaults in their compact constructors (missing fields arrive as {@code null}; use
 * boxed types) and throw {@link IllegalArgumentException} with {@code "field: reason"} when a value is
 * unusable. Every failure surfaces as a {@link ConfigException} whose message starts with the full field path.
 */
public final class ConfigLoader {
  /** The top-level field that marks a shipped example whose placeholders are not yet replaced. */
  public static final String PLACEHOLDERS_FIELD = "placeholders";

  private final ObjectMapper yaml;

  public ConfigLoader() {
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(DurationText.module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public <T extends Record> T load(Path file, String envPrefix, Map<String, String> env, Class<T> type) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("config", "cannot read " + file + ": " + e.getMessage());
    }
    return parse(text, envPrefix, env, type);
  }

  public <T extends Record> T parse(String yamlText, String envPrefix, Map<String, String> env, Class<T> type) {
    ObjectNode root;
    try {
      JsonNode node = yamlText.isBlank() ? null : yaml.readTree(yamlText);
      if (node == null || node.isNull() || node.isMissingNode()) {
        root = JsonNodeFactory.instance.objectNode();
      } else if (node instanceof ObjectNode o) {
        root = o;
      } else {
        throw new ConfigException("config", "expected a mapping of fields at the top level");
      }
    } catch (JsonProcessingException e) {
      throw new ConfigException("config", "not valid YAML: " + e.getOriginalMessage());
    }
    refuseShippedExample(root);
    applyOverrides(root, envPrefix, env, type);
    return bind(root, "", type);
  }

  /**
   * Binds one section of a config already read (a part the top-level record keeps as a tree, such as a gateway's
   * {@code connectors.NAME}) onto its own record, with the same rules and errors naming the field from the top.
   *
   * @param path the section's path from the top ({@code connectors.modbus}); {@code ""} for the top itself
   */
  public <T> T bind(JsonNode section, String path, Class<T> type) {
    JsonNode node = section == null || section.isMissingNode() ? JsonNodeFactory.instance.objectNode() : section;
    try {
      return yaml.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : " (known: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
      throw new ConfigException(under(path, path(e)), "unknown field" + known);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String msg = String.valueOf(cause.getMessage());
      int colon = msg.indexOf(':');
      String where = under(path, path(e));
      if (colon > 0 && !msg.substring(0, colon).contains(" ")) {
        String field = msg.substring(0, colon);
        throw new ConfigException(fullPath(where, field), msg.substring(colon + 1).trim());
      }
      throw new ConfigException(where, msg);
    } catch (JsonMappingException e) {
      throw new ConfigException(under(path, path(e)), e.getOriginalMessage());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ConfigException(path.isEmpty() ? "config" : path, String.valueOf(e.getMessage()));
    }
  }

  /** A path inside a section, from the top. */
  private static String under(String section, String inside) {
    if (section.isEmpty()) {
      return inside;
    }
    return inside.equals("config") ? section : inside.startsWith("[") ? section + inside : section + "." + inside;
  }

  /**
   * The field's path from the top: the record's own path, then the field it names. A record may name its field
   * from its own name on ({@code http.port} thrown inside {@code http}); that is not said twice.
   */
  static String fullPath(String where, String field) {
    if (where.equals("config")) {
      return field;
    }
    String own = where.substring(where.lastIndexOf('.') + 1);
    return field.startsWith(own + ".") ? where.substring(0, where.length() - own.length()) + field : where + "." + field;
  }

  /**
   * A shipped example carries {@value #PLACEHOLDERS_FIELD}: the values an operator must replace (a campus id,
   * addresses, host names that resolve nowhere). While the line is there the file is refused, naming each
   * placeholder and whether it is still in the text, so an example copied into place untouched never starts
   * against a county that is not there.
   */
  private static void refuseShippedExample(ObjectNode root) {
    JsonNode marker = root.get(PLACEHOLDERS_FIELD);
    if (marker == null) {
      return;
    }
    ObjectNode rest = root.deepCopy();
    rest.remove(PLACEHOLDERS_FIELD);
    List<String> state = new ArrayList<>();
    for (JsonNode placeholder : marker.isArray() ? marker : List.of(marker)) {
      String value = placeholder.asText();
      // Not inside a longer number: 192.168.10.2 is not found in 192.168.10.20, LP-017 is in LP-017-PB-01.
      Pattern token = Pattern.compile("(?<![0-9])" + Pattern.quote(value) + "(?![0-9])");
      long uses = value.isEmpty() ? 0 : valuesContaining(rest, token);
      state.add(value + (uses > 0 ? " (still in " + uses + (uses == 1 ? " value)" : " values)") : " (replaced)"));
    }
    throw new ConfigException(
        PLACEHOLDERS_FIELD,
        "this is still the shipped example; replace its placeholders with this site's values: "
            + String.join(", ", state) + "; then delete the line `" + PLACEHOLDERS_FIELD + ": …`");
  }

  /** How many text values under {@code node} (an object, a list or a value) contain {@code token}. */
  private static long valuesContaining(JsonNode node, Pattern token) {
    if (node.isTextual()) {
      return token.matcher(node.textValue()).find() ? 1 : 0;
    }
    long n = 0;
    for (JsonNode child : node) {
      n += valuesContaining(child, token);
    }
    return n;
  }

  private static String path(JsonMappingException e) {
    String p =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return p.isEmpty() ? "config" : p;
  }

  private static void applyOverrides(ObjectNode root, String prefix, Map<String, String> env, Class<?> type) {
    String head = prefix.endsWith("_") ? prefix : prefix + "_";
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!e.getKey().startsWith(head)) {
        continue;
      }
      List<String> segments = List.of(e.getKey().substring(head.length()).split("_"));
      List<String> fieldPath = resolve(type, segments, e.getKey());
      ObjectNode parent = root;
      for (int i = 0; i < fieldPath.size() - 1; i++) {
        JsonNode child = parent.get(fieldPath.get(i));
        if (!(child instanceof ObjectNode)) {
          child = parent.putObject(fieldPath.get(i));
        }
        parent = (ObjectNode) child;
      }
      parent.put(fieldPath.get(fieldPath.size() - 1), e.getValue());
    }
  }

  /** Matches the variable's segments to record component names, joining segments for camelCase names. */
  private static List<String> resolve(Class<?> type, List<String> segments, String variable) {
    List<String> out = new ArrayList<>();
    Class<?> current = type;
    int i = 0;
    while (i < segments.size()) {
      if (current == null || !current.isRecord()) {
        throw new ConfigException(variable, "names no field (" + String.join(".", out) + " has no sub-fields)");
      }
      RecordComponent match = null;
      int used = 0;
      for (int k = segments.size() - i; k >= 1 && match == null; k--) {
        String joined = String.join("", segments.subList(i, i + k)).toLowerCase(Locale.ROOT);
        for (RecordComponent c : current.getRecordComponents()) {
          if (c.getName().toLowerCase(Locale.ROOT).equals(joined)) {
            match = c;
            used = k;
            break;
          }
        }
      }
      if (match == null) {
        throw new ConfigException(variable, "names no field of " + current.getSimpleName());
      }
      out.add(match.getName());
      i += used;
      Class<?> next = match.getType();
      if (i < segments.size()) {
        current = next;
      } else if (next.isRecord() || Collection.class.isAssignableFrom(next) || Map.class.isAssignableFrom(next)) {
        throw new ConfigException(variable, String.join(".", out) + " is not a single value and cannot be set from the environment");
      }
    }
    if (out.isEmpty()) {
      throw new ConfigException(variable, "names no field");
    }
    return out;
  }
}
