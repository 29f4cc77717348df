#include "stakemap/io/files.hpp"

#include "stakemap/io/diagnostics.hpp"

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

[[noreturn]] void too_large(const std::string& path, std::size_t max_bytes) {
    Diagnostic diagnostic;
    diagnostic.code = "file.too_large";
    diagnostic.file = display_name(path);
    diagnostic.message = "the file is larger than the limit of " +
                         std::to_string(max_bytes / (1024 * 1024)) +
                         " MiB; split the map or raise the limit with --max-file-size";
    throw LoadError({diagnostic});
}

std::string system_reason() {
    return std::strerror(errno);
}

} // namespace

std::string read_file(const std::string& path, std::size_t max_bytes) {
    if (path == "-") {
        std::string content;
        char buffer[1 << 16];
        while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
            content.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
            if (content.size() > max_bytes) {
                too_large(path, max_bytes);
            }
        }
        return content;
    }
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw FileError("cannot read " + path + ": it is a folder, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw FileError("cannot read " + path + ": " + system_reason());
    }
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) {
        throw FileError("cannot read " + path + ": the file size is unknown");
    }
    if (static_cast<std::size_t>(size) > max_bytes) {
        too_large(path, max_bytes);
    }
    in.seekg(0, std::ios::beg);
    std::string content(static_cast<std::size_t>(size), '\0');
    if (!in.read(content.data(), size)) {
        throw FileError("cannot read " + path + ": " + system_reason());
    }
    return content;
}

void write_file_atomically(const std::string& path, const std::string& content) {
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
        throw FileError("cannot write " + path + ": " + system_reason());
    }
    const std::string temporary(name.data());
    auto fail = [&](const std::string& reason) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw FileError("cannot write " + path + ": " + reason);
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
        ::unlink(temporary.c_str());
        throw FileError("cannot write " + path + ": " + system_reason());
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = system_reason();
        ::unlink(temporary.c_str());
        throw FileError("cannot write " + path + ": " + reason);
    }
}

} // namespace stakemap::io
