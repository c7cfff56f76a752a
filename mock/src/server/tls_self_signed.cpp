#include "server/tls_self_signed.hpp"

#include "pinsmock/startup_error.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

namespace pinsmock {
namespace {

constexpr long kValidSeconds = 30L * 24 * 3600;
// A client clock a little behind ours must not find the certificate "not yet valid".
constexpr long kBackdateSeconds = 3600;

template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Freer<X509, X509_free>>;

[[noreturn]] void fail(const std::string& what) {
  char text[256] = "unknown OpenSSL error";
  if (const unsigned long code = ERR_get_error())
    ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  throw StartupError("tls self-signed certificate: " + what + ": " + text);
}

bool add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext)
    return false;
  const bool added = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return added;
}

CertPtr make_certificate(EVP_PKEY* key) {
  CertPtr cert(X509_new());
  if (!cert)
    fail("X509_new");
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1)
    fail("serial");
  serial[0] &= 0x7f; // a positive serial number
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  const bool serial_set = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_NAME* name = X509_get_subject_name(cert.get());
  const bool ok =
      serial_set && X509_set_version(cert.get(), 2) == 1 &&
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds) &&
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidSeconds) &&
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("pins-mock"), -1, -1,
                                 0) == 1 &&
      X509_set_issuer_name(cert.get(), name) == 1 && X509_set_pubkey(cert.get(), key) == 1 &&
      add_extension(cert.get(), NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost") &&
      add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") &&
      add_extension(cert.get(), NID_key_usage, "critical,digitalSignature") &&
      add_extension(cert.get(), NID_ext_key_usage, "serverAuth") &&
      X509_sign(cert.get(), key, EVP_sha256()) > 0;
  if (!ok)
    fail("building the certificate");
  return cert;
}

void write_pem(const std::string& path, mode_t mode, const std::function<bool(FILE*)>& write) {
  FILE* out = std::fopen(path.c_str(), "w");
  if (!out)
    throw StartupError("tls self-signed certificate: cannot write " + path);
  ::fchmod(::fileno(out), mode);
  const bool written = write(out);
  if (std::fclose(out) != 0 || !written)
    fail("writing " + path);
}

} // namespace

SelfSignedFiles write_self_signed_certificate() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key)
    fail("generating the key");
  CertPtr cert = make_certificate(key.get());

  const char* tmp = std::getenv("TMPDIR");
  std::string dir = std::string(tmp && *tmp ? tmp : "/tmp") + "/pins-mock-tls-XXXXXX";
  if (!::mkdtemp(dir.data()))
    throw StartupError("tls self-signed certificate: cannot create a directory like " + dir);
  SelfSignedFiles files{dir, dir + "/cert.pem", dir + "/key.pem"};
  try {
    write_pem(files.key_file, 0600, [&](FILE* out) {
      return PEM_write_PrivateKey(out, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
    write_pem(files.cert_file, 0644, [&](FILE* out) { return PEM_write_X509(out, cert.get()) == 1; });
  } catch (...) {
    remove_self_signed_certificate(files);
    throw;
  }
  return files;
}

void remove_self_signed_certificate(const SelfSignedFiles& files) {
  if (files.directory.empty())
    return;
  std::remove(files.cert_file.c_str());
  std::remove(files.key_file.c_str());
  ::rmdir(files.directory.c_str());
}

} // namespace pinsmock
