import subprocess
import sys


def test_gongkai_command_wraps_django_management():
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "help", "demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--no-serve" in result.stdout
