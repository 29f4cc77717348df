#include "stakemap/io/files.hpp"

#include "stakemap/io/diagnostics.hpp"
#include "stakemap/text/words.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include <fcntl.h>
#include <pthread.h>
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

namespace {

/// Leftovers of this writer are named ".NAME.stakemap-PID.tmp": the process id tells whether the
/// writer that made one is still running.
std::string leftover_prefix(const std::string& file_name) {
    return "." + file_name + ".stakemap-";
}

/// Removes the leftovers of writers of the same target that were killed (SIGKILL, power loss)
/// between naming their finished file and renaming it over the target, the one moment a finished
/// temporary file has a name. Only files of this user whose writer is gone are removed.
void remove_leftovers(const std::filesystem::path& folder, const std::string& file_name) {
    const std::string prefix = leftover_prefix(file_name);
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name.size() <= prefix.size() + 4 || name.compare(0, prefix.size(), prefix) != 0 ||
            name.compare(name.size() - 4, 4, ".tmp") != 0) {
            continue;
        }
        const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - 4);
        if (digits.empty() || digits.size() > 9 ||
            digits.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        const auto pid = static_cast<pid_t>(std::stol(digits));
        struct stat status {};
        if (::lstat(entry.path().c_str(), &status) != 0 || !S_ISREG(status.st_mode) ||
            status.st_uid != ::geteuid() || pid == ::getpid() ||
            !(::kill(pid, 0) != 0 && errno == ESRCH)) {
            continue;
        }
        ::unlink(entry.path().c_str());
    }
}

/// Blocks the signals a user sends to stop a run (Ctrl-C, kill, a closed terminal) for the two
/// system calls that put a finished file in place, so that a stop never falls between them.
class StopSignalsBlocked {
public:
    StopSignalsBlocked() {
        sigset_t blocked;
        sigemptyset(&blocked);
        sigaddset(&blocked, SIGINT);
        sigaddset(&blocked, SIGTERM);
        sigaddset(&blocked, SIGHUP);
        sigaddset(&blocked, SIGQUIT);
        ::pthread_sigmask(SIG_BLOCK, &blocked, &previous_);
    }
    ~StopSignalsBlocked() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
    StopSignalsBlocked(const StopSignalsBlocked&) = delete;
    StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;

private:
    sigset_t previous_{};
};

bool write_all(int fd, const std::string& content) {
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

void write_file_atomically(const std::string& path, const std::string& content,
                           model::Language language) {
    const text::Words words(language);
    const auto cannot_write = [&](const std::string& reason) {
        return FileError(
            words("cannot write {path}: {reason}", {{"path", path}, {"reason", reason}}));
    };
    namespace fs = std::filesystem;

    // A symbolic link stays a link: the file it points to is replaced.
    fs::path target(path);
    struct stat status {};
    bool exists = ::lstat(target.c_str(), &status) == 0;
    if (exists && S_ISLNK(status.st_mode)) {
        std::error_code error;
        target = fs::canonical(target, error);
        if (error) {
            throw cannot_write(words("it is a symbolic link to a file that does not exist"));
        }
        exists = ::lstat(target.c_str(), &status) == 0;
    }
    if (exists && S_ISDIR(status.st_mode)) {
        throw cannot_write(words("it is a folder, not a file"));
    }
    if (exists && !S_ISREG(status.st_mode)) {
        throw cannot_write(
            words("it is not a regular file (a device, a pipe or a socket); give the "
                  "name of a file"));
    }
    fs::path folder = target.parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    const std::string file_name = target.filename().string();
    remove_leftovers(folder, file_name);

    // The new content keeps an existing file's permissions (and owner, where allowed); a new file
    // gets the usual permissions.
    mode_t mode = status.st_mode & 07777;
    if (!exists) {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }

    // The content is written to a file without a name (O_TMPFILE), so a run killed while writing
    // leaves nothing; it gets a name only once complete, and is renamed over the target at once.
    const std::string named =
        (folder / (leftover_prefix(file_name) + std::to_string(::getpid()) + ".tmp")).string();
    ::unlink(named.c_str());
    bool unnamed = true;
    int fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        // Filesystems without O_TMPFILE: a named file from the start.
        unnamed = false;
        fd = ::open(named.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    }
    if (fd < 0) {
        throw cannot_write(system_reason());
    }
    const auto fail = [&](const std::string& reason) {
        ::close(fd);
        if (!unnamed) {
            ::unlink(named.c_str());
        }
        throw cannot_write(reason);
    };
    if (!write_all(fd, content)) {
        fail(system_reason());
    }
    if (exists && ::geteuid() == 0) {
        // Only root may give a file away; others keep their own files anyway.
        [[maybe_unused]] const int owner_kept = ::fchown(fd, status.st_uid, status.st_gid);
    }
    if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
        fail(system_reason());
    }
    {
        const StopSignalsBlocked blocked;
        if (unnamed) {
            const std::string self = "/proc/self/fd/" + std::to_string(fd);
            if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, named.c_str(), AT_SYMLINK_FOLLOW) != 0 &&
                ::linkat(fd, "", AT_FDCWD, named.c_str(), AT_EMPTY_PATH) != 0) {
                fail(system_reason());
            }
        }
        if (::close(fd) != 0) {
            const std::string reason = system_reason();
            ::unlink(named.c_str());
            throw cannot_write(reason);
        }
        if (std::rename(named.c_str(), target.c_str()) != 0) {
            const std::string reason = system_reason();
            ::unlink(named.c_str());
            throw cannot_write(reason);
        }
    }
    // The rename itself is made durable with the folder.
    const int folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder_fd >= 0) {
        ::fsync(folder_fd);
        ::close(folder_fd);
    }
}

} // namespace stakemap::io
