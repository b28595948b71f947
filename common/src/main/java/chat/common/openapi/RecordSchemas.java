package chat.common.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Records say what JSON they render: every component is written, null or not (the API's JSON
 * leaves no field out unless a component says otherwise with {@code @JsonInclude}), and may be
 * null only where it is declared {@code @Nullable} (packages are {@code @NullMarked}). So a
 * record's schema lists its properties as required, and a nullable one as allowing {@code null}
 * too; without this the generated schemas would require nothing and allow no null.
 */
final class RecordSchemas implements ModelConverter {

    @Override
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(type, context, chain);
        if (resolved == null) {
            return null;
        }
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (raw.isRecord()) {
            Schema model = resolved.get$ref() == null
                    ? resolved
                    : context.getDefinedModels()
                            .get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
            if (model != null && model.getProperties() != null) {
                describe(raw, model);
            }
        }
        return resolved;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describe(Class<?> record, Schema model) {
        // an unwrapped record's property whose schema has no name (a JSON tree's) is added under
        // no name at all, which no document can hold; it is put back under its name below
        model.getProperties().remove(null);
        for (RecordComponent component : record.getRecordComponents()) {
            Method accessor = component.getAccessor();
            io.swagger.v3.oas.annotations.media.Schema declared =
                    accessor.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (accessor.isAnnotationPresent(JsonIgnore.class) || (declared != null && declared.hidden())) {
                continue;
            }
            if (accessor.isAnnotationPresent(JsonUnwrapped.class)
                    && component.getType().isRecord()) {
                describe(component.getType(), model);
                continue;
            }
            JsonProperty named = accessor.getAnnotation(JsonProperty.class);
            String name = named != null && !named.value().isEmpty() ? named.value() : component.getName();
            ArraySchema array = accessor.getAnnotation(ArraySchema.class);
            if (array != null && JsonNode.class.isAssignableFrom(component.getType())) {
                // a JSON tree is documented as any value (and an unwrapped one is lost); an array
                // of it says what it holds
                model.getProperties()
                        .put(
                                name,
                                new JsonSchema()
                                        .types(Set.of("array"))
                                        .items(new JsonSchema()
                                                .types(Set.of(array.schema().types()))));
            }
            Schema property = (Schema) model.getProperties().get(name);
            if (property == null) {
                continue;
            }
            // a type named on the component stands: a request's field read as nullable is not
            // one that a client may send as null
            boolean typed = declared != null && (!declared.type().isEmpty() || declared.types().length > 0);
            if (!typed && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                model.getProperties().put(name, orNull(property));
            }
            JsonInclude included = accessor.getAnnotation(JsonInclude.class);
            boolean always = included == null || included.value() == JsonInclude.Include.ALWAYS;
            if (always && (model.getRequired() == null || !model.getRequired().contains(name))) {
                model.addRequiredItem(name);
            }
        }
    }

    /** The property's schema, with {@code null} allowed as well. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema orNull(Schema property) {
        if (property.get$ref() != null) {
            return new JsonSchema().oneOf(List.of(property, new JsonSchema().types(Set.of("null"))));
        }
        Set<String> types = property.getTypes() != null
                ? new LinkedHashSet<>(property.getTypes())
                : property.getType() != null ? new LinkedHashSet<>(Set.of(property.getType())) : null;
        if (types != null) {
            types.add("null");
            property.setTypes(types);
        }
        return property;
    }
}
