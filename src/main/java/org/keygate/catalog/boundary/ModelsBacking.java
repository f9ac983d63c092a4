package org.keygate.catalog.boundary;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.catalog.entity.Model;

/**
 * {@code /admin/catalog/models.xhtml}: the model catalogue with prices, read-only. Every logged-in
 * person may read it (a key's {@code allowed_models} refer to it); editing models and providers
 * belongs to the catalogue API.
 */
@Named
@RequestScoped
public class ModelsBacking {

    @PersistenceContext
    EntityManager em;

    private List<Model> models;

    @PostConstruct
    void load() {
        models = em.createQuery("SELECT m FROM Model m JOIN FETCH m.provider ORDER BY m.id", Model.class).getResultList();
    }

    public List<Model> getModels() {
        return models;
    }
}
