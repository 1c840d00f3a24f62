// byte_source_test.cpp -- plain, gzip (multi-member) and BGZF decompression, and corruption.
#include <gtest/gtest.h>

#include <random>

#include "common/error.hpp"
#include "io/byte_source.hpp"
#include "test_util.hpp"

namespace helicase::io {
namespace {

std::string read_all(const std::string& path, unsigned threads = 2, std::size_t chunk = 1u << 16) {
  ThreadPool pool(threads);
  auto src = open_byte_source(path, pool, ByteSourceOptions{chunk, 2});
  std::string out;
  char buf[3001];  // odd size: reads straddle chunk boundaries
  for (std::size_t n; (n = src->read(buf, sizeof buf)) > 0;) out.append(buf, n);
  return out;
}

std::string random_text(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, ' ');
  const char* alphabet = "ACGT\n@+IIIIJJJ";
  for (auto& c : s) c = alphabet[rng() % 14];
  return s;
}

ErrorKind error_kind_of(const std::string& path) {
  try {
    read_all(path);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::Internal;  // no error at all
}

TEST(ByteSource, Plain) {
  test::TempDir dir;
  const std::string data = random_text(300'000, 1);
  test::write_file(dir.file("a.fq"), data);
  EXPECT_EQ(read_all(dir.file("a.fq")), data);
  ThreadPool pool(1);
  EXPECT_EQ(open_byte_source(dir.file("a.fq"), pool)->compression(), Compression::Plain);
}

TEST(ByteSource, EmptyFile) {
  test::TempDir dir;
  test::write_file(dir.file("e.fq"), "");
  EXPECT_EQ(read_all(dir.file("e.fq")), "");
}

TEST(ByteSource, GzipMultiMember) {
  test::TempDir dir;
  const std::string a = random_text(200'000, 2), b = random_text(5, 3), c = random_text(100'000, 4);
  test::write_file(dir.file("m.gz"), test::gzip_member(a) + test::gzip_member(b) + test::gzip_member(c));
  EXPECT_EQ(read_all(dir.file("m.gz")), a + b + c);
  ThreadPool pool(1);
  EXPECT_EQ(open_byte_source(dir.file("m.gz"), pool)->compression(), Compression::Gzip);
}

TEST(ByteSource, BgzfAnyThreadCountAndChunk) {
  test::TempDir dir;
  const std::string data = random_text(2'000'000, 5);
  test::write_bgzf(dir.file("b.gz"), data);
  ThreadPool pool(1);
  EXPECT_EQ(open_byte_source(dir.file("b.gz"), pool)->compression(), Compression::Bgzf);
  for (unsigned threads : {1u, 2u, 3u}) {
    for (std::size_t chunk : {std::size_t{1} << 17, std::size_t{1} << 20}) {
      EXPECT_EQ(read_all(dir.file("b.gz"), threads, chunk), data) << threads << " " << chunk;
    }
  }
}

TEST(ByteSource, BgzfThenPlainGzipMembers) {
  test::TempDir dir;
  const std::string a = random_text(200'000, 11), b = random_text(70'000, 12);
  test::write_bgzf(dir.file("a.gz"), a);
  test::write_file(dir.file("ab.gz"), test::read_file(dir.file("a.gz")) + test::gzip_member(b));
  EXPECT_EQ(read_all(dir.file("ab.gz")), a + b);
  test::write_file(dir.file("junk.gz"), test::read_file(dir.file("a.gz")) + "junk after the blocks");
  EXPECT_EQ(error_kind_of(dir.file("junk.gz")), ErrorKind::BadData);
}

TEST(ByteSource, MissingFileIsIoError) {
  EXPECT_EQ(error_kind_of("/nonexistent/x.fq.gz"), ErrorKind::Io);
}

TEST(ByteSource, TruncatedGzipIsDataError) {
  test::TempDir dir;
  const std::string gz = test::gzip_member(random_text(100'000, 6));
  test::write_file(dir.file("t.gz"), gz.substr(0, gz.size() / 2));
  EXPECT_EQ(error_kind_of(dir.file("t.gz")), ErrorKind::BadData);
  test::write_file(dir.file("t2.gz"), gz.substr(0, gz.size() - 4));  // trailer cut
  EXPECT_EQ(error_kind_of(dir.file("t2.gz")), ErrorKind::BadData);
}

TEST(ByteSource, CorruptGzipIsDataError) {
  test::TempDir dir;
  std::string gz = test::gzip_member(random_text(100'000, 7));
  for (std::size_t i = gz.size() / 2; i < gz.size() / 2 + 16; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  test::write_file(dir.file("c.gz"), gz);
  EXPECT_EQ(error_kind_of(dir.file("c.gz")), ErrorKind::BadData);
}

TEST(ByteSource, GarbageAfterGzipIsDataError) {
  test::TempDir dir;
  test::write_file(dir.file("g.gz"), test::gzip_member("@r\nA\n+\nI\n") + "trailing junk");
  EXPECT_EQ(error_kind_of(dir.file("g.gz")), ErrorKind::BadData);
}

TEST(ByteSource, BgzfWithoutEofBlockIsDataError) {
  test::TempDir dir;
  test::write_bgzf(dir.file("b.gz"), random_text(300'000, 8));
  const std::string full = test::read_file(dir.file("b.gz"));
  test::write_file(dir.file("noeof.gz"), full.substr(0, full.size() - 28));
  EXPECT_EQ(error_kind_of(dir.file("noeof.gz")), ErrorKind::BadData);
  test::write_file(dir.file("half.gz"), full.substr(0, full.size() / 2));
  EXPECT_EQ(error_kind_of(dir.file("half.gz")), ErrorKind::BadData);
}

TEST(ByteSource, CorruptBgzfBlockIsDataError) {
  test::TempDir dir;
  test::write_bgzf(dir.file("b.gz"), random_text(300'000, 9));
  std::string full = test::read_file(dir.file("b.gz"));
  full[100] = static_cast<char>(full[100] ^ 0xff);
  test::write_file(dir.file("bad.gz"), full);
  EXPECT_EQ(error_kind_of(dir.file("bad.gz")), ErrorKind::BadData);
}

}  // namespace
}  // namespace helicase::io
