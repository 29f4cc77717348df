#include "stakemap/io/files.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/text/words.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stakemap::io {

std::string display_name(const std::string& path) {
    return path == "-" ? "<stdin>" : path;
}

namespace {

[[noreturn]] void too_large(const std::string& path, std::size_t max_bytes,
                            const text::Words& words) {
    Diagnostic diagnostic;
    diagnostic.code = "file.too_large";
    diagnostic.file = display_name(path);
    diagnostic.message = words(
        "the file is larger than the limit of {mib} MiB; split the map or raise the limit with "
        "--max-file-size",
        {{"mib", words.integer(static_cast<long long>(max_bytes / (1024 * 1024)))}});
    throw LoadError({diagnostic});
}

[[noreturn]] void cannot_read(const std::string& path, const std::string& reason,
                              const text::Words& words) {
    throw FileError(words("cannot read {path}: {reason}", {{"path", path}, {"reason", reason}}));
}

std::string system_reason() {
    return std::strerror(errno);
}

} // namespace

std::string read_file(const std::string& path, std::size_t max_bytes, model::Language language) {
    const text::Words words(language);
    if (path == "-") {
        std::string content;
        char buffer[1 << 16];
        while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
            content.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
            if (content.size() > max_bytes) {
                too_large(path, max_bytes, words);
            }
        }
        return content;
    }
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        cannot_read(path, words("it is a folder, not a file"), words);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        cannot_read(path, system_reason(), words);
    }
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) {
        cannot_read(path, words("the file size is unknown"), words);
    }
    if (static_cast<std::size_t>(size) > max_bytes) {
        too_large(path, max_bytes, words);
    }
    in.seekg(0, std::ios::beg);
    std::string content(static_cast<std::size_t>(size), '\0');
    if (!in.read(content.data(), size)) {
        cannot_read(path, system_reason(), words);
    }
    return content;
}

void write_file_atomically(const std::string& path, const std::string& content,
                           model::Language language) {
    const text::Words words(language);
    const auto cannot_write = [&](const std::string& reason) {
        return FileError(
            words("cannot write {path}: {reason}", {{"path", path}, {"reason", reason}}));
    };
    const std::filesystem::path target(path);
    std::filesystem::path folder = target.parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        throw cannot_write(system_reason());
    }
    const std::string temporary(name.data());
    auto fail = [&](const std::string& reason) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw cannot_write(reason);
    };
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(system_reason());
        }
        written += static_cast<std::size_t>(n);
    }
    // mkstemp creates files readable by the owner only; give the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0 || ::fsync(fd) != 0) {
        fail(system_reason());
    }
    if (::close(fd) != 0) {
        const std::string reason = system_reason();
        ::unlink(temporary.c_str());
        throw cannot_write(reason);
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = system_reason();
        ::unlink(temporary.c_str());
        throw cannot_write(reason);
    }
}

} // namespace stakemap::io
