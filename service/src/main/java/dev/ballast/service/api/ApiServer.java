package dev.ballast.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.formats.Durations;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.JobPolicies;
import dev.ballast.service.MaintenanceConflict;
import dev.ballast.service.Service;
import dev.ballast.service.lease.RunLease;
import dev.ballast.service.UnknownHost;
import dev.ballast.service.UnknownJob;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.StoredRun;
import dev.ballast.service.store.WrongState;
import dev.ballast.service.web.WebPages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, JSON under {@code /api/v1} (see {@code docs/api.md}). Reading needs nothing;
 * every request that changes something needs {@code Authorization: Bearer <token>}: 401 without
 * it, 403 with a wrong one. Errors are {@code {"error": ..., "field": ...}} with 400, 404 or 409.
 * Every route and body is described in {@code openapi.yaml} next to this class, served at
 * {@code GET /api/v1/openapi.yaml}; a route added here must be added there (a test compares them).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v1";
    private static final int MAX_REASON = 2000;

    private final Service service;
    private final Token token;
    private final byte[] description = OpenApiDescription.read();
    private final Javalin app;

    private ApiServer(Service service, Token token) {
        this.service = service;
        this.token = token;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.before(PREFIX + "/*", this::authorize);
            config.routes.get(PREFIX + "/health", this::health);
            config.routes.get(PREFIX + "/" + OpenApiDescription.RESOURCE,
                    ctx -> ctx.contentType(OpenApiDescription.CONTENT_TYPE).result(description));
            config.routes.get(PREFIX + "/snapshot", this::snapshot);
            config.routes.get(PREFIX + "/energy", this::energy);
            config.routes.get(PREFIX + "/jobs", this::jobs);
            config.routes.post(PREFIX + "/jobs/{name}/run", this::runJob);
            config.routes.get(PREFIX + "/plans", this::plans);
            config.routes.get(PREFIX + "/plans/{id}", this::plan);
            config.routes.get(PREFIX + "/plans/{id}/events", this::events);
            config.routes.post(PREFIX + "/plans/{id}/approve", ctx -> move(ctx, "approve"));
            config.routes.post(PREFIX + "/plans/{id}/reject", ctx -> move(ctx, "reject"));
            config.routes.post(PREFIX + "/plans/{id}/cancel", ctx -> move(ctx, "cancel"));
            config.routes.put(PREFIX + "/hosts/{name}/maintenance", this::enterMaintenance);
            config.routes.delete(PREFIX + "/hosts/{name}/maintenance", this::exitMaintenance);
            config.routes.get("/metrics", this::metrics);
            new WebPages(service).register(config.routes);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.field(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, null, "internal error: " + e.getMessage());
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, null, "no such resource: " + ctx.method() + " " + ctx.path());
                }
            });
        });
    }

    /** Starts listening on {@code host:port} (port 0: any free port). */
    public static ApiServer start(Service service, Token token, String host, int port) {
        ApiServer server = new ApiServer(service, token);
        server.app.start(host, port);
        LOG.info("API listening on http://{}:{}{}", host.contains(":") ? "[" + host + "]" : host, server.port(),
                PREFIX);
        return server;
    }

    public int port() {
        return app.port();
    }

    /**
     * The routes the server answers, as {@code "GET /api/v1/plans/{id}"}: read from Javalin's own
     * router rather than listed again, so that {@code openapi.yaml} can be held to them. Javalin 7
     * shows its router only under {@code unsafe}; this only reads it.
     */
    SortedSet<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void close() {
        app.stop();
    }

    private void authorize(Context ctx) {
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "Authorization", "this request changes something: send Authorization: Bearer"
                    + " <token>, the token in the service's token file");
        }
        if (!token.matches(header.substring("Bearer ".length()).strip())) {
            throw new ApiError(403, "Authorization", "wrong token");
        }
    }

    /**
     * The service answers; and whether it runs plans (it holds the run lease) or why not: another
     * service holds it, or the store cannot be reached. Read from the lease's last renewal, so it
     * answers even while the store is down.
     */
    private void health(Context ctx) {
        RunLease.Standing lease = service.lease().standing();
        ObjectNode answer = object().put("status", "ok");
        answer.putObject("runLease").put("held", lease.held()).put("token", lease.token()).put("why", lease.why());
        ctx.json(answer);
    }

    private void snapshot(Context ctx) throws InterruptedException {
        ctx.contentType("application/json").result(SnapshotWriter.toJson(service.snapshot()));
    }

    private void jobs(Context ctx) {
        ArrayNode jobs = JSON.createArrayNode();
        for (Job job : service.config().jobs()) {
            ObjectNode node = jobs.addObject().put("name", job.name()).put("policy", job.policy())
                    .put("mode", job.mode().key()).put("schedule", job.schedule())
                    .put("cooldown", Durations.format(job.cooldown()));
            node.put("windowUntil", job.until() == null ? null : job.until().toString());
            // The limits a wake job keeps are those of the default policy when it names none: say which.
            node.put("limitsOf", JobPolicies.limitsOf(job));
            // Written as null when absent, as schedule and windowUntil are: every job has the same fields.
            if (job.overload() == null) {
                node.putNull("trigger");
            } else {
                node.putObject("trigger").putObject("overload")
                        .put("hold", Durations.format(job.overload().hold()))
                        .put("clearBelow", job.overload().clearBelow());
            }
        }
        ctx.json(jobs);
    }

    private void runJob(Context ctx) {
        String name = ctx.pathParam("name");
        try {
            service.runJob(name);
        } catch (UnknownJob e) {
            throw new ApiError(404, "name", e.getMessage());
        }
        ctx.status(202).json(object().put("job", name).put("accepted", true)
                .put("message", "the job runs once the plan before it is done; its plan will be listed under "
                        + PREFIX + "/plans"));
    }

    private void metrics(Context ctx) throws java.io.IOException {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        service.metrics().write(text);
        ctx.contentType(service.metrics().contentType()).result(text.toByteArray());
    }

    private void enterMaintenance(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("name");
        Mode mode = maintenanceMode(ctx);
        try {
            service.enterMaintenance(name, mode);
        } catch (UnknownHost e) {
            throw new ApiError(404, "name", e.getMessage());
        } catch (MaintenanceConflict e) {
            throw new ApiError(409, "name", e.getMessage());
        }
        ctx.status(202).json(object().put("host", name).put("maintenance", true).put("mode", mode.key())
                .put("message", "the host is in maintenance for the service's next snapshots; its evacuation plan"
                        + " (job " + Service.MAINTENANCE_JOB + ", policy " + Service.MAINTENANCE_POLICY + ") will be"
                        + " listed under " + PREFIX + "/plans"));
    }

    private void exitMaintenance(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("name");
        try {
            service.exitMaintenance(name);
        } catch (UnknownHost e) {
            throw new ApiError(404, "name", e.getMessage());
        } catch (MaintenanceConflict e) {
            throw new ApiError(409, "name", e.getMessage());
        }
        ctx.json(object().put("host", name).put("maintenance", false));
    }

    /** The optional body of a maintenance request: {@code {"mode": "recommend" | "auto"}}, recommend by default. */
    private static Mode maintenanceMode(Context ctx) {
        JsonNode root = body(ctx, "{\"mode\": \"recommend\"}");
        if (root == null) {
            return Mode.RECOMMEND;
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("mode")) {
                throw new ApiError(400, name, "unknown field (known: mode)");
            }
        }
        JsonNode mode = root.get("mode");
        if (mode == null || mode.isNull()) {
            return Mode.RECOMMEND;
        }
        return Arrays.stream(Mode.values()).filter(m -> mode.isTextual() && m.key().equals(mode.textValue()))
                .findFirst().orElseThrow(() -> new ApiError(400, "mode", "expected \"recommend\" or \"auto\", got "
                        + mode));
    }

    /** The body as a JSON object; null when blank. */
    private static JsonNode body(Context ctx, String example) {
        String body = ctx.body();
        if (body.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "(body)", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiError(400, "(body)", "expected a JSON object such as " + example);
        }
        return root;
    }

    /** The most hours {@code GET /energy} looks back: a year, leap or not. */
    private static final int MAX_HOURS = 8784;

    /**
     * The watts kept off now (the hosts in standby in the newest snapshot) and the kWh the hosts
     * the service switched off saved over the last {@code hours} (default 24).
     */
    private void energy(Context ctx) throws InterruptedException {
        String asked = ctx.queryParam("hours");
        int hours = 24;
        if (asked != null) {
            try {
                hours = Integer.parseInt(asked);
            } catch (NumberFormatException e) {
                hours = -1;
            }
            if (hours < 1 || hours > MAX_HOURS) {
                throw new ApiError(400, "hours", "expected a whole number of hours from 1 to " + MAX_HOURS
                        + ", got \"" + asked + "\"");
            }
        }
        java.time.Instant to = service.store().clock().instant();
        java.time.Instant from = to.minus(java.time.Duration.ofHours(hours));
        var saved = service.energySaved(from, to);
        var standby = service.snapshot().hosts().stream()
                .filter(h -> h.state() == dev.ballast.model.HostState.STANDBY).toList();
        ctx.json(object().put("from", from.toString()).put("to", to.toString()).put("hours", hours)
                .put("kWhSaved", Math.round(saved.kWh() * 1000) / 1000.0)
                .put("wattsKeptOff", standby.stream().mapToDouble(dev.ballast.model.Host::idleWatts).sum())
                .put("hostsOff", standby.size()));
    }

    private void plans(Context ctx) {
        Optional<PlanState> state = Optional.empty();
        String asked = ctx.queryParam("state");
        if (asked != null) {
            state = Optional.of(PlanState.ofKey(asked).orElseThrow(() -> new ApiError(400, "state",
                    "unknown state \"" + asked + "\" (allowed: " + Arrays.stream(PlanState.values())
                            .map(PlanState::key).collect(Collectors.joining(", ")) + ")")));
        }
        ArrayNode plans = JSON.createArrayNode();
        service.store().list(state).forEach(plan -> plans.add(summary(plan)));
        ctx.json(plans);
    }

    private void plan(Context ctx) throws JsonProcessingException {
        StoredPlan plan = found(id(ctx));
        ObjectNode node = summary(plan);
        node.set("plan", JSON.readTree(plan.planJson()));
        ArrayNode runs = node.putArray("runs");
        for (StoredRun run : service.store().runs(plan.id())) {
            runs.add(run(run));
        }
        ctx.json(node);
    }

    /**
     * A run with its steps as the run report has them: status, estimate and measured times. Only
     * the steps: the report's other fields name files of the data directory.
     */
    private static ObjectNode run(StoredRun run) throws JsonProcessingException {
        ObjectNode node = object().put("run", run.id()).put("startedAt", run.startedAt().toString())
                .put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString())
                .put("outcome", run.outcome());
        JsonNode steps = run.reportJson() == null ? null : JSON.readTree(run.reportJson()).get("steps");
        node.set("steps", steps == null ? JSON.nullNode() : steps);
        return node;
    }

    private void events(Context ctx) {
        long id = found(id(ctx)).id();
        ArrayNode events = JSON.createArrayNode();
        for (StoredEvent event : service.store().events(id)) {
            ObjectNode node = events.addObject().put("run", event.run()).put("at", event.at().toString())
                    .put("kind", event.kind());
            node.put("step", event.step());
            node.put("message", event.message());
        }
        ctx.json(events);
    }

    private void move(Context ctx, String action) {
        long id = id(ctx);
        String reason = reason(ctx).orElse(action + "d through the API");
        Optional<StoredPlan> moved;
        try {
            moved = switch (action) {
                case "approve" -> service.approve(id, reason);
                case "reject" -> service.reject(id, reason);
                default -> service.cancel(id, reason);
            };
        } catch (WrongState e) {
            throw new ApiError(409, "state", e.getMessage());
        }
        StoredPlan plan = moved.orElseThrow(() -> noSuchPlan(id));
        // A running plan asked to cancel stops before its next step: accepted, not yet done.
        ctx.status(plan.state() == PlanState.RUNNING ? 202 : 200).json(summary(plan));
    }

    /** The optional body of an approval, rejection or cancellation: {@code {"reason": "..."}}. */
    private static Optional<String> reason(Context ctx) {
        JsonNode root = body(ctx, "{\"reason\": \"checked by Ana\"}");
        if (root == null) {
            return Optional.empty();
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("reason")) {
                throw new ApiError(400, name, "unknown field (known: reason)");
            }
        }
        JsonNode reason = root.get("reason");
        if (reason == null || reason.isNull()) {
            return Optional.empty();
        }
        if (!reason.isTextual() || reason.textValue().length() > MAX_REASON) {
            throw new ApiError(400, "reason", "expected a string of at most " + MAX_REASON + " characters");
        }
        return Optional.of(reason.textValue());
    }

    private static long id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "id", "a plan id is a whole number, got \"" + text + "\"");
        }
    }

    private StoredPlan found(long id) {
        return service.store().find(id).orElseThrow(() -> noSuchPlan(id));
    }

    private static ApiError noSuchPlan(long id) {
        return new ApiError(404, "id", "no plan " + id);
    }

    private static ObjectNode summary(StoredPlan plan) {
        ObjectNode node = object().put("id", plan.id()).put("job", plan.job()).put("policy", plan.policy())
                .put("state", plan.state().key()).put("createdAt", plan.createdAt().toString())
                .put("updatedAt", plan.updatedAt().toString()).put("reason", plan.reason())
                .put("steps", plan.steps()).put("migrations", plan.migrations());
        node.put("cancelRequested", plan.cancelRequested());
        try {
            node.set("figures", JSON.readTree(plan.figuresJson()));
        } catch (JsonProcessingException e) {
            node.put("figures", (String) null);
        }
        return node;
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static void error(Context ctx, int status, String field, String message) {
        ctx.status(status).json(object().put("error", message).put("field", field));
    }
}
