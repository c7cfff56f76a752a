#include "server/tls_stream.hpp"

#include "pinsmock/startup_error.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>

namespace pinsmock {
namespace {

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0)
    return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

// A socket BIO of our own: OpenSSL's writes with write(), which raises SIGPIPE when the client
// has gone and would kill an embedding process; send(MSG_NOSIGNAL) does not.
int bio_fd(BIO* bio) { return static_cast<int>(reinterpret_cast<intptr_t>(BIO_get_data(bio))); }

bool retryable(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

int bio_write(BIO* bio, const char* data, int size) {
  BIO_clear_retry_flags(bio);
  const ssize_t n = ::send(bio_fd(bio), data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
  if (n < 0 && retryable(errno))
    BIO_set_retry_write(bio);
  return static_cast<int>(n);
}

int bio_read(BIO* bio, char* buffer, int size) {
  BIO_clear_retry_flags(bio);
  const ssize_t n = ::recv(bio_fd(bio), buffer, static_cast<std::size_t>(size), 0);
  if (n < 0 && retryable(errno))
    BIO_set_retry_read(bio);
  return static_cast<int>(n);
}

long bio_ctrl(BIO*, int command, long, void*) {
  // Nothing is buffered in this BIO: a flush always succeeds (OpenSSL fails the handshake on 0).
  return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int bio_create(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

class TlsStream : public ByteStream {
public:
  TlsStream(SSL_CTX* context, BIO_METHOD* method, int fd) : ByteStream(fd), ssl_(SSL_new(context)) {
    BIO* bio = ssl_ ? BIO_new(method) : nullptr;
    if (!bio)
      return;
    BIO_set_data(bio, reinterpret_cast<void*>(static_cast<intptr_t>(fd)));
    SSL_set_bio(ssl_, bio, bio);
    SSL_set_accept_state(ssl_);
  }
  ~TlsStream() override { SSL_free(ssl_); }

  Io handshake() override {
    if (!ssl_)
      return Io::Closed;
    ERR_clear_error();
    const int rc = SSL_do_handshake(ssl_);
    return rc == 1 ? Io::Done : failed(rc);
  }

  bool buffered() const override { return ssl_ && SSL_pending(ssl_) > 0; }

  Io read(char* buffer, std::size_t size, std::size_t& got) override {
    ERR_clear_error();
    const int rc = SSL_read(ssl_, buffer, static_cast<int>(std::min<std::size_t>(size, INT_MAX)));
    if (rc <= 0)
      return failed(rc);
    got = static_cast<std::size_t>(rc);
    return Io::Done;
  }

  Io write(const char* data, std::size_t size, std::size_t& sent) override {
    ERR_clear_error();
    const int rc = SSL_write(ssl_, data, static_cast<int>(std::min<std::size_t>(size, INT_MAX)));
    if (rc <= 0)
      return failed(rc);
    sent = static_cast<std::size_t>(rc);
    return Io::Done;
  }

  void shutdown_write() override {
    close_notify();
    ::shutdown(fd(), SHUT_WR);
  }

  void close_notify() override {
    if (!ssl_ || !SSL_is_init_finished(ssl_) || (SSL_get_shutdown(ssl_) & SSL_SENT_SHUTDOWN))
      return;
    ERR_clear_error();
    SSL_shutdown(ssl_); // one non-blocking attempt: the peer's answer is not awaited
  }

private:
  Io failed(int rc) {
    switch (SSL_get_error(ssl_, rc)) {
    case SSL_ERROR_WANT_READ: return Io::WantRead;
    case SSL_ERROR_WANT_WRITE: return Io::WantWrite;
    default:
      // A fatal error (a plain-HTTP client, a bad record, a reset): no further SSL_shutdown.
      ERR_clear_error();
      SSL_set_quiet_shutdown(ssl_, 1);
      return Io::Closed;
    }
  }

  SSL* ssl_;
};

} // namespace

struct TlsContext::Impl {
  SSL_CTX* context = nullptr;
  BIO_METHOD* method = nullptr;
  ~Impl() {
    SSL_CTX_free(context);
    BIO_meth_free(method);
  }
};

TlsContext::TlsContext(const std::string& cert_file, const std::string& key_file)
    : impl_(std::make_unique<Impl>()) {
  impl_->context = SSL_CTX_new(TLS_server_method());
  if (!impl_->context)
    throw StartupError("tls: " + openssl_error());
  SSL_CTX_set_min_proto_version(impl_->context, TLS1_2_VERSION);
  // A TLS 1.2 client could otherwise make the server redo handshakes at will.
  SSL_CTX_set_options(impl_->context, SSL_OP_NO_RENEGOTIATION);
  // Our writes resume after WantWrite with the same bytes, possibly from a moved buffer.
  SSL_CTX_set_mode(impl_->context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_use_certificate_chain_file(impl_->context, cert_file.c_str()) != 1)
    throw StartupError("tls certificate " + cert_file + ": " + openssl_error());
  if (SSL_CTX_use_PrivateKey_file(impl_->context, key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    throw StartupError("tls key " + key_file + ": " + openssl_error());
  if (SSL_CTX_check_private_key(impl_->context) != 1)
    throw StartupError("tls key " + key_file + " does not match the certificate " + cert_file);
  impl_->method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "pinsmock socket");
  if (!impl_->method || !BIO_meth_set_write(impl_->method, bio_write) ||
      !BIO_meth_set_read(impl_->method, bio_read) || !BIO_meth_set_ctrl(impl_->method, bio_ctrl) ||
      !BIO_meth_set_create(impl_->method, bio_create))
    throw StartupError("tls: " + openssl_error());
}

TlsContext::~TlsContext() = default;

std::unique_ptr<ByteStream> TlsContext::stream(int fd) const {
  return std::make_unique<TlsStream>(impl_->context, impl_->method, fd);
}

} // namespace pinsmock
