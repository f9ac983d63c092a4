/**
 * What an operator's tools read from a running node: liveness and readiness for the load balancer
 * and the orchestrator ({@code /health/live}, {@code /health/ready}), and the metrics for a scraper
 * ({@code /metrics}). Its own feature since it looks at the database, the usage writer, Redis and
 * the gateway's upstreams, which platform may not know about.
 */
package org.keygate.operations;
