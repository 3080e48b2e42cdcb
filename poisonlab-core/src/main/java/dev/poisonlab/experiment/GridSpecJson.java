/*
 * How grid specs are read and written as JSON: comments allowed, unknown fields and coerced values refused, the
 * optional fields injected as null, and every problem one InputException naming the file, line and field. The
 * record and its rules are GridSpec's; this is only its JSON mapping.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

final class GridSpecJson {
  private GridSpecJson() {}

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          // a quoted or fractional number is a typo to report, not a value to guess at
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // and a number or boolean where a string belongs (a trigger, a keyword) likewise
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build()
          .enable(JsonParser.Feature.ALLOW_COMMENTS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          // a left-out `defenses`, `placebo_counts`, `model_counts`, `strategy`, `strategies`,
          // `strategy_triggers` or `strategy_keywords` is injected as null (GridSpec checks that
          // one of strategy and strategies is given); every other field stays required. Injection
          // goes through the constructor only: the record's final field must not be set again
          // afterwards.
          .setInjectableValues(
              new InjectableValues.Std()
                  .addValue(GridSpec.DEFENSES_ABSENT, null)
                  .addValue(GridSpec.PLACEBO_ABSENT, null)
                  .addValue(GridSpec.MODEL_COUNTS_ABSENT, null)
                  .addValue(GridSpec.STRATEGY_ABSENT, null)
                  .addValue(GridSpec.STRATEGIES_ABSENT, null)
                  .addValue(GridSpec.STRATEGY_TRIGGERS_ABSENT, null)
                  .addValue(GridSpec.STRATEGY_KEYWORDS_ABSENT, null))
          .setAnnotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public JacksonInject.Value findInjectableValue(AnnotatedMember member) {
                  return member instanceof AnnotatedField
                      ? null
                      : super.findInjectableValue(member);
                }
              });

  /**
   * Parses the bytes of spec file {@code file}; any problem is one InputException naming it and the
   * line.
   */
  static GridSpec parse(Path file, byte[] json) {
    try {
      GridSpec spec = JSON.readValue(json, GridSpec.class);
      if (spec == null) {
        throw new InputException(file, 0, "expected a grid spec (a JSON object), got null");
      }
      return spec;
    } catch (MismatchedInputException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(
          file, line, field(e) + COERCION_HINT.matcher(e.getOriginalMessage()).replaceAll(""));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw new InputException(file, line, message);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Jackson's advice on enabling coercion addresses a programmer; the user needs the field and the
   * value.
   */
  private static final Pattern COERCION_HINT = Pattern.compile("\\s*\\(but [^()]*coercion[^)]*\\)");

  /** "field runs[2].count: " for a problem inside the document, "" at its top. */
  private static String field(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "" : "field " + path + ": ";
  }

  static String write(GridSpec spec) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
