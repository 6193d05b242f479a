package io.oppsuite.common.openapi;

import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Reference;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Drops the component schemas and headers nothing refers to (a library's own problem types, a mapping
 * no operation of this service uses), so each document lists only what its operations use. Walks the
 * model through its getters: the MicroProfile model has no visitor that sees references.
 */
final class ComponentPruning {

    private static final String MODEL_PACKAGE = "org.eclipse.microprofile.openapi.models";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String HEADERS = "#/components/headers/";

    private ComponentPruning() {
    }

    static void prune(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            return;
        }
        Map<String, org.eclipse.microprofile.openapi.models.media.Schema> schemas = components.getSchemas();
        Map<String, org.eclipse.microprofile.openapi.models.headers.Header> headers = components.getHeaders();
        // everything but the component schemas and headers is a root; components reached from there are used
        Set<String> refs = new HashSet<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        todo.add(openAPI.getPaths() == null ? Map.of() : openAPI.getPaths());
        if (components.getParameters() != null) {
            todo.add(components.getParameters());
        }
        if (components.getResponses() != null) {
            todo.add(components.getResponses());
        }
        if (components.getRequestBodies() != null) {
            todo.add(components.getRequestBodies());
        }
        Set<String> reached = new HashSet<>();
        while (!todo.isEmpty()) {
            walk(todo.pop(), refs, seen);
            for (String ref : Set.copyOf(refs)) {
                if (reached.add(ref)) {
                    if (ref.startsWith(SCHEMAS) && schemas != null && schemas.get(ref.substring(SCHEMAS.length())) != null) {
                        todo.add(schemas.get(ref.substring(SCHEMAS.length())));
                    } else if (ref.startsWith(HEADERS) && headers != null && headers.get(ref.substring(HEADERS.length())) != null) {
                        todo.add(headers.get(ref.substring(HEADERS.length())));
                    }
                }
            }
        }
        if (schemas != null) {
            Set.copyOf(schemas.keySet()).stream().filter(name -> !reached.contains(SCHEMAS + name)).forEach(components::removeSchema);
        }
        if (headers != null) {
            Set.copyOf(headers.keySet()).stream().filter(name -> !reached.contains(HEADERS + name)).forEach(components::removeHeader);
        }
    }

    private static void walk(Object node, Set<String> refs, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> walk(value, refs, seen));
            return;
        }
        if (node instanceof Collection<?> collection) {
            collection.forEach(value -> walk(value, refs, seen));
            return;
        }
        if (!isModel(node.getClass())) {
            return;
        }
        if (node instanceof Reference<?> reference && reference.getRef() != null) {
            refs.add(reference.getRef());
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() == 0 && getter.getName().startsWith("get") && !Modifier.isStatic(getter.getModifiers())
                    && !getter.getName().equals("getClass") && !getter.getName().equals("getExtensions")) {
                try {
                    walk(getter.invoke(node), refs, seen);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // a getter that cannot answer has nothing to reach
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        for (Class<?> i : allInterfaces(type)) {
            if (i.getName().startsWith(MODEL_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> all = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                all.add(i);
                all.addAll(allInterfaces(i));
            }
        }
        return all;
    }
}
