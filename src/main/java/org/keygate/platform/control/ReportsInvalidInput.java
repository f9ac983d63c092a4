package org.keygate.platform.control;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a service whose parameters carry constraints: bad input leaves it as the {@link InvalidInput}
 * its own checks throw (see {@link InvalidInputInterceptor}).
 */
@Inherited
@InterceptorBinding
@Documented
@Target({TYPE, METHOD})
@Retention(RUNTIME)
public @interface ReportsInvalidInput {
}
