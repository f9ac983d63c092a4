package org.keygate.keys.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Remembers which key an {@code Idempotency-Key} produced for one caller and operation, with a
 * hash of the request body, so a retry answers with that key's metadata instead of a new key.
 */
@Entity
@Table(name = "idempotency_record")
@NamedQuery(name = IdempotencyRecord.FIND, query = "SELECT r FROM IdempotencyRecord r WHERE r.actorId = :actorId AND r.operation = :operation AND r.idemKey = :idemKey")
@NamedQuery(name = IdempotencyRecord.PURGE, query = "DELETE FROM IdempotencyRecord r WHERE r.createdAt < :before")
public class IdempotencyRecord {

    public static final String FIND = "IdempotencyRecord.find";
    public static final String PURGE = "IdempotencyRecord.purge";

    @Id
    private String id;
    @Column(name = "actor_id")
    private String actorId;
    private String operation;
    @Column(name = "idem_key")
    private String idemKey;
    @Column(name = "request_hash")
    private String requestHash;
    @Column(name = "key_id")
    private String keyId;
    @Column(name = "created_at")
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    public IdempotencyRecord(String id, String actorId, String operation, String idemKey, String requestHash,
            String keyId, Instant createdAt) {
        this.id = id;
        this.actorId = actorId;
        this.operation = operation;
        this.idemKey = idemKey;
        this.requestHash = requestHash;
        this.keyId = keyId;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getActorId() {
        return actorId;
    }

    public String getOperation() {
        return operation;
    }

    public String getIdemKey() {
        return idemKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getRequestHash() {
        return requestHash;
    }

    public String getKeyId() {
        return keyId;
    }
}
