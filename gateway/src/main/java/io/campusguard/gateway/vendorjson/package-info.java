/**
 * Sensors that report through a vendor's platform as JSON (issue 18 item 3): the vendor pushes each message by HTTP
 * POST to the gateway with its own token, and a mapping template (JSON Pointers) turns it into canteen readings; a
 * preset reads ChirpStack v4 uplink events (its HTTP integration). Registered as {@code connectors.vendorJson}.
 */
package io.campusguard.gateway.vendorjson;
