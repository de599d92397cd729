package io.campusguard.gateway.opcua;

import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/**
 * The security an endpoint is connected with. {@link #NONE} sends values in clear text, unauthenticated: it
 * is refused unless the endpoint's config sets {@code allowInsecure}. The others sign and encrypt.
 */
public enum OpcUaSecurity {
  NONE(SecurityPolicy.None, MessageSecurityMode.None),
  BASIC256SHA256(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt),
  AES128_SHA256_RSAOAEP(SecurityPolicy.Aes128_Sha256_RsaOaep, MessageSecurityMode.SignAndEncrypt),
  AES256_SHA256_RSAPSS(SecurityPolicy.Aes256_Sha256_RsaPss, MessageSecurityMode.SignAndEncrypt);

  private final SecurityPolicy policy;
  private final MessageSecurityMode mode;

  OpcUaSecurity(SecurityPolicy policy, MessageSecurityMode mode) {
    this.policy = policy;
    this.mode = mode;
  }

  SecurityPolicy policy() {
    return policy;
  }

  MessageSecurityMode mode() {
    return mode;
  }

  public boolean isInsecure() {
    return this == NONE;
  }
}
