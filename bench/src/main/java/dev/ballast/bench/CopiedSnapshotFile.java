package dev.ballast.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.simulator.ClusterGenerator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A large, valid snapshot file written without holding it: the simulator's mixed cluster, each
 * of its VMs written {@code copies} times ({@code vm-0001}, then {@code vm-0001-c1},
 * {@code vm-0001-c2}, ...) on the same host, as compact JSON. The hosts, one copy of the VMs and
 * the groups are as {@link SnapshotWriter} writes them, so the file holds what Ballast writes,
 * only more of it. The hosts hold far more than they could run: the reader does not add up a
 * host's VMs, the hard rules do.
 */
final class CopiedSnapshotFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CopiedSnapshotFile() {
    }

    /** Writes the case's snapshot to {@code file}. */
    static void write(ValidateCase benchCase, Path file) throws IOException {
        JsonNode snapshot = JSON.readTree(SnapshotWriter.toJson(
                ClusterGenerator.mixed(benchCase.hosts(), benchCase.vms(), benchCase.seed())));
        try (JsonGenerator out = JSON.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeStringField("apiVersion", snapshot.get("apiVersion").textValue());
            out.writeStringField("kind", snapshot.get("kind").textValue());
            out.writeFieldName("hosts");
            JSON.writeTree(out, snapshot.get("hosts"));
            out.writeArrayFieldStart("vms");
            for (int copy = 0; copy < benchCase.copies(); copy++) {
                for (JsonNode vm : snapshot.get("vms")) {
                    ObjectNode written = (ObjectNode) vm;
                    if (copy > 0) {
                        written = written.deepCopy().put("name", vm.get("name").textValue() + "-c" + copy);
                    }
                    JSON.writeTree(out, written);
                }
            }
            out.writeEndArray();
            if (snapshot.has("groups")) {
                out.writeFieldName("groups");
                JSON.writeTree(out, snapshot.get("groups"));
            }
            out.writeEndObject();
        }
    }
}
