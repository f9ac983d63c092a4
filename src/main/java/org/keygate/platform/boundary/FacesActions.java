package org.keygate.platform.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;
import jakarta.validation.ConstraintViolationException;

import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.KeygateException;
import org.keygate.platform.control.NotFound;
import org.keygate.platform.control.Violations;

/**
 * How the admin pages show what the services say. A page action calls the same service as the
 * REST API; a {@link KeygateException} naming a field (JSON name, e.g. {@code ip_whitelist[1]} or
 * {@code working_hours.start}) becomes a message next to the matching input, marked invalid;
 * anything else a message at the top of the page. The services report their parameters'
 * constraint violations as such an exception; a bare (or EJB-wrapped) violation is shown the same
 * way, by the field {@link Violations} names. Loading a page the caller may not see answers 404
 * (a 403 would tell them it exists).
 */
public final class FacesActions {

    private static final Pattern INDEXED = Pattern.compile("^([a-z_]+)\\[(\\d+)\\](?:\\.(.+))?$");

    private FacesActions() {
    }

    /**
     * Runs a page action; returns its result, or null after showing the service's error.
     *
     * @param fields JSON field name (without index) → client id of the input that holds it
     */
    public static <T> T run(Supplier<T> action, Map<String, String> fields) {
        try {
            return action.get();
        } catch (KeygateException e) {
            show(e, fields);
            return null;
        } catch (ConstraintViolationException | EJBException e) {
            if (e.getCause() instanceof KeygateException k) {
                show(k, fields);
                return null;
            }
            Optional<ConstraintViolationException> invalid = Violations.find(e);
            if (invalid.isPresent() && !Violations.isReturnValue(invalid.get())) {
                show(Violations.first(invalid.get().getConstraintViolations()), fields);
                return null;
            }
            throw e;
        }
    }

    public static boolean run(Runnable action, Map<String, String> fields) {
        return run(() -> {
            action.run();
            return Boolean.TRUE;
        }, fields) != null;
    }

    /** Loads what a page shows; a missing or forbidden target ends the request with the 404 page. */
    public static <T> T load(Supplier<T> loader) {
        try {
            return loader.get();
        } catch (NotFound | Forbidden e) {
            notFound();
            return null;
        }
    }

    public static void notFound() {
        FacesContext context = FacesContext.getCurrentInstance();
        try {
            context.getExternalContext().responseSendError(404, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.responseComplete();
    }

    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    public static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        FacesContext.getCurrentInstance().validationFailed();
    }

    static void show(KeygateException e, Map<String, String> fields) {
        FacesContext context = FacesContext.getCurrentInstance();
        String field = e.field();
        String clientId = null;
        String message = e.getMessage();
        if (field != null) {
            clientId = fields.get(field);
            Matcher indexed = INDEXED.matcher(field);
            if (clientId == null && indexed.matches()) {
                String base = indexed.group(3) == null ? indexed.group(1) : indexed.group(1) + "." + indexed.group(3);
                clientId = fields.getOrDefault(base, fields.get(indexed.group(1)));
                message = "line " + (Integer.parseInt(indexed.group(2)) + 1) + ": " + message;
            }
        }
        if (clientId != null) {
            UIComponent input = context.getViewRoot().findComponent(":" + clientId);
            if (input instanceof UIInput in) {
                in.setValid(false);
            }
            context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        } else {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    field == null ? message : field + ": " + message, null));
        }
        context.validationFailed();
    }
}
