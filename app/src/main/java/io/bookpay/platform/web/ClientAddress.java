package io.bookpay.platform.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's IP address. {@code X-Forwarded-For} is believed only when the immediate peer is a
 * trusted proxy, and then only up to the first hop that is not: a client cannot prepend addresses
 * to dodge a per-IP limit. Addresses are parsed as literals only, never looked up in DNS.
 */
public final class ClientAddress {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private final List<Block> trusted = new ArrayList<>();

  /** @param trustedProxies IPs ({@code 10.0.0.7}) or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) */
  public ClientAddress(List<String> trustedProxies) {
    for (String entry : trustedProxies) {
      String[] parts = entry.trim().split("/", 2);
      InetAddress address = parse(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException("not an IP address or CIDR block: " + entry);
      }
      int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.getAddress().length * 8;
      trusted.add(new Block(address.getAddress(), bits));
    }
  }

  public String of(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = parse(hops.get(i));
      if (hop == null) {
        break; // garbage from here leftwards is the client's own invention
      }
      client = hop.getHostAddress();
      if (!isTrusted(client)) {
        break;
      }
    }
    return client;
  }

  private boolean isTrusted(String ip) {
    InetAddress address = parse(ip);
    return address != null && trusted.stream().anyMatch(block -> block.contains(address.getAddress()));
  }

  private static InetAddress parse(String literal) {
    if (!IPV4.matcher(literal).matches() && !(literal.contains(":") && IPV6.matcher(literal).matches())) {
      return null;
    }
    try {
      return InetAddress.getByName(literal); // a literal: no DNS
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private record Block(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
