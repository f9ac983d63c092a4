package org.keygate.platform.control;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/**
 * Bean Validation's answers in Keygate's terms. A request that breaks several constraints is
 * answered with one of them, as the hand-written checks did: the first field in the order the
 * request record declares its components (a list's own size before its entries, entries by
 * index), named by its JSON name ({@code daily_limit}, {@code ip_whitelist[1]},
 * {@code working_hours.start}). Validators report through {@link #report} so a message that
 * quotes user input is never interpreted as a message template.
 */
public final class Violations {

    private Violations() {
    }

    /** The violation to report, as the {@link InvalidInput} the services would have thrown. */
    public static InvalidInput first(Set<? extends ConstraintViolation<?>> violations) {
        ConstraintViolation<?> first = violations.stream()
                .min(Comparator.<ConstraintViolation<?>, List<Integer>>comparing(Violations::rank, Violations::compare)
                        .thenComparing(v -> field(v.getPropertyPath()), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(ConstraintViolation::getMessage))
                .orElseThrow(() -> new IllegalArgumentException("no violations"));
        return new InvalidInput(field(first.getPropertyPath()), first.getMessage());
    }

    /** The validation failure in {@code thrown}'s cause chain (an EJB container may wrap it in an EJBException). */
    public static Optional<ConstraintViolationException> find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException e && e.getConstraintViolations() != null
                    && !e.getConstraintViolations().isEmpty()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Whether a violation is about what a method returned: Keygate's bug, not bad input. */
    public static boolean isReturnValue(ConstraintViolationException e) {
        return e.getConstraintViolations().stream().anyMatch(v -> {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Reports {@code message} instead of the constraint's own; answers false, the validator's verdict. */
    public static boolean report(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
        return false;
    }

    /** Like {@link #report(ConstraintValidatorContext, String)}, on a property of the validated object. */
    public static boolean report(ConstraintValidatorContext context, String property, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addPropertyNode(property).addConstraintViolation();
        return false;
    }

    /**
     * A message template that interpolates to exactly {@code message}: the four characters with a
     * meaning in templates ({@code \ { } $}) escaped as Bean Validation 3.0 §6.3.1.1 says.
     */
    static String literal(String message) {
        StringBuilder out = new StringBuilder(message.length() + 8);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\\' || c == '{' || c == '}' || c == '$') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The JSON name of the field a violation is about, or null when it is about the whole request. */
    static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> out.setLength(0);
                default -> {
                    if (node.isInIterable() && node.getIndex() != null) {
                        out.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getKind() == ElementKind.PROPERTY) {
                        out.append(out.length() == 0 ? "" : ".").append(Names.snake(node.getName()));
                    }
                }
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    /**
     * Where a violation's field comes in its request: per level, the component's position in its
     * record and the entry's index in its list. Unknown positions sort last.
     */
    static List<Integer> rank(ConstraintViolation<?> violation) {
        List<Integer> rank = new ArrayList<>();
        Type type = violation.getRootBeanClass();
        Method method = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable() && node.getIndex() != null) {
                rank.add(node.getIndex());
            }
            switch (node.getKind()) {
                case METHOD -> method = method(violation.getRootBeanClass(), node);
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    rank.add(index);
                    type = method == null ? null : method.getGenericParameterTypes()[index];
                }
                case PROPERTY -> {
                    Class<?> owner = raw(element(type));
                    RecordComponent[] components = owner == null ? null : owner.getRecordComponents();
                    int position = Integer.MAX_VALUE;
                    type = null;
                    for (int i = 0; components != null && i < components.length; i++) {
                        if (components[i].getName().equals(node.getName())) {
                            position = i;
                            type = components[i].getGenericType();
                        }
                    }
                    rank.add(position);
                }
                default -> {
                    // container elements and class-level nodes add no position of their own
                }
            }
        }
        return rank;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static Method method(Class<?> type, Path.Node node) {
        List<Class<?>> parameters = node.as(Path.MethodNode.class).getParameterTypes();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(node.getName(), parameters.toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return null;
    }

    /** The type inside Optional and collection wrappers. */
    private static Type element(Type type) {
        Type t = type;
        while (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && (raw == Optional.class || Collection.class.isAssignableFrom(raw))) {
            t = p.getActualTypeArguments()[0];
        }
        return t;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }
}
