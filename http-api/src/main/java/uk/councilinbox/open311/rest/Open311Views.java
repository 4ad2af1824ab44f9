package uk.councilinbox.open311.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GeoReport v2's JSON, field for field (its names, its nulls). */
final class Open311Views {

    private Open311Views() {}

    @Schema(name = "Open311Service")
    record ServiceDefinition(
            @JsonProperty("service_code") @Schema(examples = "potholes") String serviceCode,
            @JsonProperty("service_name") String serviceName,
            String description,
            boolean metadata,
            @Schema(examples = "realtime") String type,
            String keywords,
            String group) {}

    @Schema(name = "Open311ServiceRequest", description = "A case raised on social media; never the resident's id or words.")
    record ServiceRequest(
            @JsonProperty("service_request_id") @Schema(examples = "K7PD-M4QX") String serviceRequestId,
            @Schema(enumeration = {"open", "closed"}) String status,
            @JsonProperty("status_notes") String statusNotes,
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode,
            String description,
            @JsonProperty("agency_responsible") String agencyResponsible,
            @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") Instant requestedDatetime,
            @JsonProperty("updated_datetime") Instant updatedDatetime,
            @JsonProperty("expected_datetime") @Schema(nullable = true) Instant expectedDatetime,
            @Schema(nullable = true) String address,
            @JsonProperty("address_id") @Schema(nullable = true) String addressId,
            @Schema(nullable = true) String zipcode,
            @Schema(nullable = true) Double lat,
            @JsonProperty("long") @Schema(nullable = true) Double lon,
            @JsonProperty("media_url") @Schema(nullable = true) String mediaUrl) {}
}
