/**
 * The run lease: of the services sharing one store, one at a time runs plans, the one holding the
 * lease ({@link SharedLease}, kept in PostgreSQL); a service alone on its embedded store always
 * holds it ({@link SoleLease}). A run checks the lease before each step ({@link LeaseCheck}), so
 * a service that lost it stops between steps and starts no migration.
 */
package dev.ballast.service.lease;
