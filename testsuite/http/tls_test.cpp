// HTTPS (issue 14 §3): TLS inside the mock's own connection layer, checked with cpp-httplib's
// OpenSSL client: verification against the served certificate, wrong CAs, plain HTTP on the TLS
// port and stalled handshakes. tls/curl_test.sh drives the program with curl and openssl.
#include "http/hostile_support.hpp"
#include "pinsmock/startup_error.hpp"

#include <httplib.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <memory>
#include <thread>

using namespace pinsmock::test;
using pinsmock::MockServer;
using pinsmock::ServerOptions;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

ServerOptions tls_options() {
  ServerOptions options = test_options();
  options.tls_self_signed = true;
  return options;
}

/// A client that trusts only `ca_file` and checks the host name.
std::unique_ptr<httplib::SSLClient> trusting_client(const MockServer& server,
                                                    const std::string& ca_file,
                                                    const std::string& host = "127.0.0.1") {
  auto client = std::make_unique<httplib::SSLClient>(host, server.port());
  client->set_ca_cert_path(ca_file.c_str());
  client->enable_server_certificate_verification(true);
  client->set_connection_timeout(5);
  client->set_read_timeout(5);
  client->set_bearer_token_auth(kCreatorToken.c_str());
  return client;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

TEST_CASE("TLS: a self-signed server answers GET and POST to a client that trusts its certificate",
          "[http][tls]") {
  MockServer server(tls_options());
  server.start();
  const std::string cert = server.tls_certificate_file();
  REQUIRE(std::filesystem::exists(cert));
  CHECK(server.base_url().rfind("https://127.0.0.1:", 0) == 0);

  const auto client = trusting_client(server, cert);
  const auto listed = client->Get("/v5/pins?page_size=2");
  REQUIRE(listed);
  CHECK(listed->status == 200);
  CHECK(listed->body.find("\"items\"") != std::string::npos);

  const auto created = client->Post("/v5/pins", sample("pins.create.image_url"), "application/json");
  REQUIRE(created);
  CHECK(created->status == 201);
  CHECK(server.requests().size() == 2);
  CHECK(server.internal_errors().empty());
}

// Checked on the certificate itself, as a verifying client does: a bare CI root may have no
// /etc/hosts, so connecting to "localhost" there would test name resolution, not the mock.
TEST_CASE("TLS: the self-signed certificate names localhost, 127.0.0.1 and ::1", "[http][tls]") {
  MockServer server(tls_options());
  server.start();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_file(server.tls_certificate_file().c_str(), "r"), &BIO_free);
  REQUIRE(bio);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  REQUIRE(cert);
  CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(cert.get(), "127.0.0.1", 0) == 1);
  CHECK(X509_check_ip_asc(cert.get(), "::1", 0) == 1);
  CHECK(X509_check_host(cert.get(), "example.com", 0, 0, nullptr) == 0);
}

TEST_CASE("TLS: a client trusting another certificate fails verification", "[http][tls]") {
  MockServer server(tls_options());
  server.start();
  MockServer other(tls_options()); // its own throwaway certificate: a wrong CA for `server`
  const auto client = trusting_client(server, other.tls_certificate_file());
  const auto result = client->Get("/__admin/health");
  CHECK_FALSE(result);
  CHECK(result.error() == httplib::Error::SSLServerVerification);
  // The failed handshake costs the server nothing.
  const auto good = trusting_client(server, server.tls_certificate_file());
  const auto health = good->Get("/__admin/health");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("TLS: certificate and key files serve like the self-signed ones", "[http][tls]") {
  MockServer maker(tls_options()); // borrows its files, valid while it lives
  ServerOptions options = test_options();
  options.tls_cert_file = maker.tls_certificate_file();
  options.tls_key_file =
      (std::filesystem::path(options.tls_cert_file).parent_path() / "key.pem").string();
  MockServer server(options);
  server.start();
  CHECK(server.tls_certificate_file() == options.tls_cert_file);
  const auto client = trusting_client(server, options.tls_cert_file);
  const auto health = client->Get("/__admin/health");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("TLS: a missing key, an unreadable file or both kinds of certificate stop the start",
          "[http][tls]") {
  MockServer maker(tls_options());
  ServerOptions only_cert = test_options();
  only_cert.tls_cert_file = maker.tls_certificate_file();
  CHECK_THROWS_AS(MockServer(only_cert), pinsmock::StartupError);

  ServerOptions missing = test_options();
  missing.tls_cert_file = "/nonexistent/cert.pem";
  missing.tls_key_file = "/nonexistent/key.pem";
  CHECK_THROWS_WITH(MockServer(missing), Catch::Contains("/nonexistent/cert.pem"));

  ServerOptions mismatched = test_options(); // the certificate with another server's key
  MockServer other(tls_options());
  mismatched.tls_cert_file = maker.tls_certificate_file();
  mismatched.tls_key_file =
      (std::filesystem::path(other.tls_certificate_file()).parent_path() / "key.pem").string();
  CHECK_THROWS_AS(MockServer(mismatched), pinsmock::StartupError);

  ServerOptions both = tls_options();
  both.tls_cert_file = maker.tls_certificate_file();
  CHECK_THROWS_AS(MockServer(both), pinsmock::StartupError);
}

TEST_CASE("TLS: the self-signed files are removed with the server", "[http][tls]") {
  std::string cert;
  {
    MockServer server(tls_options());
    cert = server.tls_certificate_file();
    REQUIRE(std::filesystem::exists(cert));
  }
  CHECK_FALSE(std::filesystem::exists(cert));
  CHECK_FALSE(std::filesystem::exists(std::filesystem::path(cert).parent_path()));
}

TEST_CASE("TLS: a plain-HTTP request to the TLS port is closed at once, not left hanging",
          "[http][tls]") {
  MockServer server(tls_options());
  server.start();
  RawSocket plain(server.port());
  const auto start = Clock::now();
  REQUIRE(plain.send(get_request("/__admin/health")));
  const RawSocket::Drained drained = plain.read_until_closed(5s);
  CHECK(drained.end != RawSocket::End::Timeout);
  CHECK(drained.bytes.find("HTTP/1.1 200") == std::string::npos);
  CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("TLS: a stalled handshake neither blocks others nor outlives the request time-out",
          "[http][tls]") {
  ServerOptions options = tls_options();
  options.request_timeout = 1s;
  MockServer server(options);
  server.start();
  RawSocket silent(server.port());         // connects, never says hello
  RawSocket partial(server.port());        // half a TLS record header, then nothing
  REQUIRE(partial.send(std::string("\x16\x03\x01", 3)));
  const auto start = Clock::now();
  const auto client = trusting_client(server, server.tls_certificate_file());
  const auto health = client->Get("/__admin/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(seconds_since(start) < 0.9); // answered while both stalls were still held

  CHECK(silent.read_until_closed(5s).end != RawSocket::End::Timeout);
  CHECK(partial.read_until_closed(5s).end != RawSocket::End::Timeout);
  CHECK(seconds_since(start) < 3.0);
}

TEST_CASE("TLS: a keep-alive client is served request after request, and stop() ends it promptly",
          "[http][tls]") {
  MockServer server(tls_options());
  server.start();
  const auto client = trusting_client(server, server.tls_certificate_file());
  client->set_keep_alive(true);
  for (int i = 0; i < 20; ++i) {
    const auto health = client->Get("/__admin/health");
    REQUIRE(health);
    CHECK(health->status == 200);
  }
  const auto start = Clock::now();
  server.stop();
  CHECK(seconds_since(start) < 2.0);
}
