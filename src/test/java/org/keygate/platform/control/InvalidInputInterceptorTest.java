package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;

import jakarta.interceptor.InvocationContext;
import jakarta.validation.ConstraintViolationException;

import org.junit.jupiter.api.Test;

/** A service's method validation leaves it as the InvalidInput its callers have always caught. */
class InvalidInputInterceptorTest {

    record Request(@Text(max = 5, required = true) String name) {
    }

    private final InvalidInputInterceptor interceptor = new InvalidInputInterceptor();

    @Test
    void violationsBecomeTheFirstFieldsInvalidInput() {
        ConstraintViolationException failure = new ConstraintViolationException(Validate.VALIDATOR.validate(new Request(" ")));
        InvalidInput e = assertThrows(InvalidInput.class, () -> interceptor.report(throwing(failure)));
        assertEquals("name", e.field());
        assertEquals("is required", e.getMessage());
    }

    @Test
    void everythingElsePassesThrough() throws Exception {
        assertEquals("done", interceptor.report(returning("done")));
        IllegalStateException other = new IllegalStateException("bug");
        assertSame(other, assertThrows(IllegalStateException.class, () -> interceptor.report(throwing(other))));
        InvalidInput typed = new InvalidInput("x", "y");
        assertSame(typed, assertThrows(InvalidInput.class, () -> interceptor.report(throwing(typed))));
    }

    private static InvocationContext throwing(Exception e) {
        return new Fake(() -> {
            throw e;
        });
    }

    private static InvocationContext returning(Object value) {
        return new Fake(() -> value);
    }

    private record Fake(java.util.concurrent.Callable<Object> body) implements InvocationContext {
        @Override
        public Object proceed() throws Exception {
            return body.call();
        }

        @Override
        public Object getTarget() {
            return null;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return null;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return new Object[0];
        }

        @Override
        public void setParameters(Object[] params) {
        }

        @Override
        public Map<String, Object> getContextData() {
            return Map.of();
        }
    }
}
