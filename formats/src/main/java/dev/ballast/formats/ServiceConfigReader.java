package dev.ballast.formats;

import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Http;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.ServiceConfig.Overload;
import dev.ballast.model.ServiceConfig.Store;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code ballast/v1 Service} file, what {@code ballast serve} runs, and validates it the
 * way every other kind is: every problem at once, each with its path. Relative paths (the
 * cluster file, the data directory, the token file) are taken from the file's directory.
 * See {@code docs/service.md}.
 */
public final class ServiceConfigReader {

    static final String KIND = "Service";

    private static final String CRON_EXAMPLE = "\"0 0 22 * * ?\" (seconds minutes hours day-of-month month"
            + " day-of-week [year])";
    private static final Pattern LISTEN = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]\\s]+):(\\d{1,5})");
    private static final Pattern CLOCK_TIME = Pattern.compile("\\d\\d:\\d\\d");
    /** The databases the store runs on, by the start of their JDBC URLs. */
    private static final List<String> JDBC_PREFIXES = List.of("jdbc:postgresql:", "jdbc:h2:");
    /** A URL parameter that carries a secret: {@code password=}, {@code sslpassword=}, H2's {@code ;PASSWORD=}. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&;][a-z]*password=");
    /** Credentials before the host ({@code //user:secret@host}), which PostgreSQL's driver does not read. */
    private static final Pattern USER_INFO = Pattern.compile("^jdbc:postgresql://[^/?]*@");

    private ServiceConfigReader() {
    }

    public static ServiceConfig read(Path file) throws InputException {
        return parse(Documents.readFile(file), file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * @param source    the name to report problems under, usually the file name
     * @param directory what the paths the file gives are relative to
     */
    public static ServiceConfig parse(String text, String source, Path directory) throws InputException {
        Problems problems = new Problems();
        NodeReader root = Documents.open(text, source, KIND, problems);
        root.allowOnly("apiVersion", "kind", "cluster", "dataDir", "store", "http", "collect", "jobs", "timeZone",
                "expiry");
        Path cluster = path(root, "cluster", true, directory);
        Path dataDir = path(root, "dataDir", true, directory);
        Store store = store(root.object("store", false), directory);
        Http http = http(root.object("http", false), directory);
        Duration interval = collectInterval(root.object("collect", false));
        List<Job> jobs = jobs(root, problems, directory);
        ZoneId zone = zone(root);
        Duration expiry = positive(root, "expiry", ServiceConfig.DEFAULT_EXPIRY);
        problems.throwIfAny(source);
        return new ServiceConfig(cluster, dataDir, store, http, interval, jobs, zone, expiry);
    }

    private static Path path(NodeReader node, String field, boolean required, Path directory) {
        String text = required ? node.requiredText(field) : node.text(field);
        if (text == null) {
            return null;
        }
        if (text.isBlank() || Printable.firstHidden(text) >= 0) {
            node.report(field, "expected a file path, got " + NodeReader.describe(
                    new com.fasterxml.jackson.databind.node.TextNode(text)));
            return null;
        }
        try {
            return directory.resolve(text);
        } catch (InvalidPathException e) {
            node.report(field, "expected a file path, got \"" + Printable.escape(text) + "\": " + e.getReason());
            return null;
        }
    }

    /** The database of the store; null when the section is absent (the embedded H2 file) or wrong. */
    private static Store store(NodeReader store, Path directory) {
        if (store == null) {
            return null;
        }
        store.allowOnly("url", "user", "passwordFile", "lease");
        String url = jdbcUrl(store);
        String user = store.requiredText("user");
        if (user != null && (user.isBlank() || Printable.firstHidden(user) >= 0)) {
            store.report("user", "expected the name of the database's user, got " + NodeReader.describe(
                    new com.fasterxml.jackson.databind.node.TextNode(user)));
            user = null;
        }
        Path passwordFile = path(store, "passwordFile", false, directory);
        ServiceConfig.Lease lease = lease(store.object("lease", false));
        if (url == null || user == null || (store.has("passwordFile") && passwordFile == null) || lease == null) {
            return null;
        }
        return new Store(url, user, passwordFile, lease);
    }

    /** The run lease's timing; the default when absent, null when wrong. */
    private static ServiceConfig.Lease lease(NodeReader lease) {
        if (lease == null) {
            return ServiceConfig.Lease.DEFAULT;
        }
        lease.allowOnly("duration", "renewEvery");
        Duration duration = positive(lease, "duration", ServiceConfig.Lease.DEFAULT.duration());
        Duration renewEvery = positive(lease, "renewEvery", ServiceConfig.Lease.DEFAULT.renewEvery());
        if (duration == null || renewEvery == null) {
            return null;
        }
        if (renewEvery.multipliedBy(2).compareTo(duration) > 0) {
            // Renewed less than twice within its duration, one slow renewal lets the lease lapse under a run.
            lease.report("renewEvery", "must be at most half of lease.duration (" + Durations.format(duration)
                    + "), got " + Durations.format(renewEvery));
            return null;
        }
        return new ServiceConfig.Lease(duration, renewEvery);
    }

    /**
     * A JDBC URL of a database the store runs on, holding no secret. A refused URL is never
     * echoed whole (only its scheme is), since a URL written by mistake may hold a password.
     */
    private static String jdbcUrl(NodeReader store) {
        String url = store.requiredText("url");
        if (url == null) {
            return null;
        }
        if (JDBC_PREFIXES.stream().noneMatch(url::startsWith) || Printable.firstHidden(url) >= 0) {
            store.report("url", "expected a JDBC URL of PostgreSQL such as jdbc:postgresql://127.0.0.1:5432/ballast,"
                    + " or of H2 (jdbc:h2:...), got \"" + Printable.escape(scheme(url)) + "...\" (the rest not shown:"
                    + " it may hold a password)");
            return null;
        }
        if (PASSWORD_PARAMETER.matcher(url).find() || USER_INFO.matcher(url).find()) {
            store.report("url", "must not hold a password: take it out of the URL and write it in the file that"
                    + " store.passwordFile names");
            return null;
        }
        return url;
    }

    /** A URL's scheme, {@code jdbc:mysql:} or {@code postgresql:}: what names the database, never a host or secret. */
    private static String scheme(String url) {
        int colon = url.indexOf(':');
        if (colon >= 0 && url.startsWith("jdbc:")) {
            colon = url.indexOf(':', colon + 1);
        }
        return colon < 0 ? "" : url.substring(0, Math.min(colon + 1, 40));
    }

    private static Http http(NodeReader http, Path directory) {
        if (http == null) {
            return Http.DEFAULT;
        }
        http.allowOnly("listen", "tokenFile");
        String listen = http.text("listen");
        String host = ServiceConfig.DEFAULT_HOST;
        int port = ServiceConfig.DEFAULT_PORT;
        if (listen != null) {
            Matcher m = LISTEN.matcher(listen);
            int parsedPort = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (parsedPort < 0 || parsedPort > 65_535) {
                http.report("listen", "expected an address and a port such as 127.0.0.1:8787 (port 0 to 65535), got \""
                        + Printable.escape(listen) + "\"");
                return null;
            }
            host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            port = parsedPort;
        }
        Path tokenFile = path(http, "tokenFile", false, directory);
        return new Http(host, port, tokenFile);
    }

    private static Duration collectInterval(NodeReader collect) {
        if (collect == null) {
            return ServiceConfig.DEFAULT_COLLECT_INTERVAL;
        }
        collect.allowOnly("interval");
        return positive(collect, "interval", ServiceConfig.DEFAULT_COLLECT_INTERVAL);
    }

    private static List<Job> jobs(NodeReader root, Problems problems, Path directory) {
        return Names.readList(root, "jobs", "job", problems, job -> job(job, directory));
    }

    private static Entry<Job> job(NodeReader job, Path directory) {
        job.allowOnly("name", "policy", "schedule", "mode", "window", "trigger", "cooldown", "limitsOf");
        String name = job.name("name", true);
        String policy = policy(job, "policy", true, directory);
        String limitsOf = limitsOf(job, policy, directory);
        String schedule = cron(job);
        Mode mode = job.choice("mode", Mode.values(), Mode::key, Mode.RECOMMEND, false);
        LocalTime until = until(job.object("window", false));
        Overload overload = overload(job.object("trigger", false));
        Duration cooldown = job.duration("cooldown", Duration.ZERO);
        boolean triggerBroken = job.has("trigger") && overload == null;
        boolean windowBroken = job.has("window") && until == null;
        if (name == null || policy == null || (job.has("schedule") && schedule == null) || mode == null
                || windowBroken || triggerBroken || cooldown == null || (job.has("limitsOf") && limitsOf == null)) {
            return job.entry(name, null);
        }
        return job.entry(name, new Job(name, policy, schedule, mode, until, overload, cooldown, limitsOf));
    }

    /** A built-in policy's name, or a policy file relative to the Service file, as every path in it. */
    private static String policy(NodeReader job, String field, boolean required, Path directory) {
        String policy = required ? job.requiredText(field) : job.text(field);
        if (policy != null && policy.isBlank()) {
            job.report(field, "must name a built-in policy (balance, consolidate, relieve) or a policy file");
            return null;
        }
        if (policy != null && (policy.contains("/") || policy.contains("."))) {
            Path file = path(job, field, required, directory);
            return file == null ? null : file.toString();
        }
        return policy;
    }

    /** The policy whose limits a wake job keeps; only a wake job reads it, and it names no wake plan. */
    private static String limitsOf(NodeReader job, String policy, Path directory) {
        String limitsOf = policy(job, "limitsOf", false, directory);
        if (limitsOf == null) {
            return null;
        }
        if (Job.wakes(limitsOf)) {
            job.report("limitsOf", "must name a built-in policy (balance, consolidate, relieve) or a policy file,"
                    + " not a wake plan");
            return null;
        }
        if (policy != null && !Job.wakes(policy)) {
            job.report("limitsOf", "read by wake jobs only (policy: " + Job.WAKE + " or " + Job.WAKE_ALL
                    + "); this job plans with its policy's limits");
            return null;
        }
        return limitsOf;
    }

    /**
     * Only the shape of a cron expression is checked here (six or seven fields); the service
     * checks each field with Quartz itself when it schedules the job.
     */
    private static String cron(NodeReader job) {
        String schedule = job.text("schedule");
        if (schedule == null) {
            return null;
        }
        int fields = schedule.isBlank() ? 0 : schedule.strip().split("\\s+").length;
        if (fields < 6 || fields > 7) {
            job.report("schedule", "expected a Quartz cron expression of 6 or 7 fields such as " + CRON_EXAMPLE
                    + ", got \"" + Printable.escape(schedule) + "\" (" + fields + " fields)");
            return null;
        }
        return schedule.strip();
    }

    private static LocalTime until(NodeReader window) {
        if (window == null) {
            return null;
        }
        window.allowOnly("until");
        String text = window.requiredText("until");
        if (text == null) {
            return null;
        }
        try {
            if (CLOCK_TIME.matcher(text).matches()) {
                return LocalTime.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        window.report("until", "expected a time of day as HH:MM such as \"06:00\", got \"" + Printable.escape(text) + "\"");
        return null;
    }

    private static Overload overload(NodeReader trigger) {
        if (trigger == null) {
            return null;
        }
        trigger.allowOnly("overload");
        NodeReader overload = trigger.object("overload", true);
        if (overload == null) {
            return null;
        }
        overload.allowOnly("hold", "clearBelow");
        Duration hold = overload.duration("hold", Duration.ZERO);
        Double clearBelow = overload.decimal("clearBelow", 0.05, Bound.FRACTION);
        return hold == null || clearBelow == null ? null : new Overload(hold, clearBelow);
    }

    private static ZoneId zone(NodeReader root) {
        String text = root.text("timeZone");
        if (text == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            root.report("timeZone", "expected a time zone such as Europe/Paris or UTC, got \"" + Printable.escape(text)
                    + "\"");
            return null;
        }
    }

    /** A duration that must be more than zero: an interval or an expiry of zero makes no sense. */
    private static Duration positive(NodeReader node, String field, Duration absent) {
        Duration value = node.duration(field, absent);
        if (value != null && value.isZero()) {
            node.report(field, "must be more than 0, e.g. " + Durations.format(absent));
            return null;
        }
        return value;
    }
}
