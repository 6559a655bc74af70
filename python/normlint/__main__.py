"""`python -m normlint`: run the normlint binary that the wheel installed beside this interpreter."""

import os
import sys
import sysconfig


def find_normlint_bin() -> str:
    """Return the path of the installed normlint binary.

    pip puts a wheel's binary in the scripts directory of the scheme it installed into: the
    environment's own, or the user scheme for `pip install --user`.
    """
    executable = "normlint" + (sysconfig.get_config_var("EXE") or "")
    if sys.version_info >= (3, 10):
        user_scheme = sysconfig.get_preferred_scheme("user")
    elif os.name == "nt":
        user_scheme = "nt_user"
    elif sys.platform == "darwin" and getattr(sys, "_framework", ""):
        user_scheme = "osx_framework_user"
    else:
        user_scheme = "posix_user"
    scripts_dirs = [sysconfig.get_path("scripts"), sysconfig.get_path("scripts", scheme=user_scheme)]
    searched = []
    for scripts_dir in scripts_dirs:
        candidate = os.path.join(scripts_dir, executable)
        if os.path.isfile(candidate):
            return candidate
        searched.append(candidate)
    raise FileNotFoundError("normlint binary not found; looked in: " + ", ".join(searched))


def main() -> None:
    normlint = os.fsdecode(find_normlint_bin())
    if sys.platform == "win32":
        import subprocess

        sys.exit(subprocess.run([normlint, *sys.argv[1:]]).returncode)
    os.execv(normlint, [normlint, *sys.argv[1:]])


if __name__ == "__main__":
    main()
