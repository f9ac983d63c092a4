package org.keygate.platform.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

import org.keygate.platform.control.DatabaseOutage;
import org.keygate.platform.control.Secrets;

/**
 * What a failed ajax request (a button in a page) shows. A normal request that fails goes to the
 * web.xml error pages; an ajax one would otherwise fail silently, or hand the exception's class and
 * message to the browser. Here the browser is sent to {@code /error.xhtml} instead — "expired" for a
 * lost view or session, the outage text when the database cannot be reached, a generic page for
 * anything else, whose details are logged with a
 * correlation id. Registered in faces-config.xml.
 */
public class AjaxErrors extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(AjaxErrors.class.getName());

    public AjaxErrors(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            FacesContext context = FacesContext.getCurrentInstance();
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            if (context == null || !events.hasNext() || !context.getPartialViewContext().isAjaxRequest()
                    || context.getExternalContext().isResponseCommitted()) {
                getWrapped().handle();
                return;
            }
            Throwable thrown = events.next().getContext().getException();
            events.remove();
            while (events.hasNext()) {
                events.next();
                events.remove();
            }
            boolean expired = false;
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                expired |= t instanceof ViewExpiredException;
            }
            String target = "/error.xhtml";
            if (expired) {
                target += "?expired=true";
            } else if (DatabaseOutage.causedBy(thrown)) {
                LOG.warning(() -> "page action failed, the database is unreachable: " + Secrets.mask(String.valueOf(thrown)));
                target += "?unavailable=true";
            } else {
                String id = UUID.randomUUID().toString();
                LOG.log(Level.SEVERE, "page action failed, correlation id " + id + ": " + Secrets.mask(String.valueOf(thrown)), thrown);
                target += "?id=" + id;
            }
            ExternalContext external = context.getExternalContext();
            try {
                external.responseReset();
                external.redirect(external.getRequestContextPath() + target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.responseComplete();
        }
    }
}
