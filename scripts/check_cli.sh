#!/bin/sh
# The command line as an editor meets it: check's exit status and output on clean and broken content.
set -u
bin=$1
# Messages in Chinese, as editors see them; English is checked on its own below.
export LANG=zh_CN.UTF-8; unset LC_ALL LC_MESSAGES
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
out=$("$bin" check 2>&1); status=$?
[ $status -eq 0 ] && ok || fail "check on Content/ exits 0 (got $status)"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && printf '%s' "$out" | grep -q "0 个错误" && ok || fail "check on Content/ prints only the summary: $out"
out=$("$bin" check --content Tests/Fixtures/check-mistakes 2>&1); status=$?
[ $status -eq 1 ] && ok || fail "check on the mistakes fixture exits 1 (got $status)"
[ "$(printf '%s\n' "$out" | grep -c ': 错误：')" -eq 8 ] && [ "$(printf '%s\n' "$out" | grep -c ': 警告：')" -eq 1 ] && ok || fail "one diagnostic per mistake: $out"
# The same in English with --lang en, or with an English LANG; Chinese again with LC_ALL Chinese.
out=$("$bin" check --lang en --content Tests/Fixtures/check-mistakes 2>&1)
[ "$(printf '%s\n' "$out" | grep -c ': error: ')" -eq 8 ] && printf '%s' "$out" | grep -q "8 error(s), 1 warning(s)" && ok || fail "english with --lang en: $out"
out=$(LANG=en_US.UTF-8 "$bin" check --content Tests/Fixtures/check-mistakes 2>&1)
[ "$(printf '%s\n' "$out" | grep -c ': error: ')" -eq 8 ] && ok || fail "english with LANG=en_US.UTF-8: $out"
out=$(LANG=en_US.UTF-8 LC_ALL=zh_CN.UTF-8 "$bin" check --content Tests/Fixtures/check-mistakes 2>&1)
[ "$(printf '%s\n' "$out" | grep -c ': 错误：')" -eq 8 ] && ok || fail "chinese with LC_ALL=zh_CN.UTF-8: $out"
"$bin" check --content Tests/Fixtures/check-mistakes --format json | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if d['errors']==8 and d['warnings']==1 and len(d['diagnostics'])==9 and all(x['code'] for x in d['diagnostics']) else 1)" && ok || fail "json output"
# What Chinese typing produces: each habit named at its line, in Chinese and (with --lang en) in English.
out=$("$bin" check --content Tests/Fixtures/typing-mistakes 2>&1); status=$?
[ $status -eq 1 ] && printf '%s' "$out" | grep -q "colon.md:2:6: 警告：把全角冒号“：”当作 \`:\` 读" \
  && printf '%s' "$out" | grep -q "unclosed.md:4:7: 错误：YAML 语法错误" && printf '%s' "$out" | grep -q "3 个错误，7 个警告" \
  && ok || fail "typing habits in Chinese: $out"
out=$("$bin" check --lang en --content Tests/Fixtures/typing-mistakes 2>&1)
printf '%s' "$out" | grep -q "colon.md:2:6: warning: read the full-width colon" && printf '%s' "$out" | grep -q "3 error(s), 7 warning(s)" \
  && ok || fail "typing habits in English: $out"
tmp=$(mktemp -d); cp -r Tests/Fixtures/check-mistakes "$tmp/c"
"$bin" build --content "$tmp/c" --output "$tmp/out" >/dev/null 2>&1 && fail "build of broken content fails" || ok
[ ! -e "$tmp/out" ] && ok || fail "no output from a failed build"
rm -rf "$tmp"
# On a terminal a build shows its progress on one line, and clears it; elsewhere it prints none.
tmp=$(mktemp -d)
shown=$(script -qec "'$bin' build --output '$tmp/tty'" /dev/null 2>&1 | tr '\r' '\n')
printf '%s\n' "$shown" | grep -Eq "正在渲染案例：([0-9]+)/\\1" && printf '%s\n' "$shown" | grep -Eq "正在写入页面：([0-9]+)/\\1" \
  && printf '%s\n' "$shown" | grep -Eq "正在建立搜索索引：([0-9]+)/\\1" && ok || fail "progress on a terminal: $shown"
# Cleared: nothing printed after it shares its line.
[ -z "$(printf '%s\n' "$shown" | grep -e "正在渲染案例" -e "正在写入页面" -e "正在建立搜索索引" | grep -Ev "^.\[K(正在渲染案例|正在写入页面|正在建立搜索索引)：[0-9]+/[0-9]+$")" ] && ok || fail "the progress line is cleared: $shown"
plain=$("$bin" build --output "$tmp/plain" 2>&1 >/dev/null)
printf '%s' "$plain" | grep -q -e "正在渲染案例" -e "正在写入页面" -e "正在建立搜索索引" && fail "progress when not on a terminal: $plain" || ok
rm -rf "$tmp"
# A build killed midway (SIGKILL) leaves the previous output exactly as it was; the next build cleans up.
tmp=$(mktemp -d); cp -r Content "$tmp/c"
python3 - "$tmp/c/cases" <<'PY'
import sys
for i in range(1500):
    with open(f"{sys.argv[1]}/gen-{i:05d}.md", "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: 生成的案例 {i}\nsection: service\ntags: [标签{i % 50}]\n---\n\n" + "社区党建工作的段落。" * 400 + "\n")
PY
"$bin" build --content "$tmp/c" --output "$tmp/out" >/dev/null 2>&1
before=$(cd "$tmp/out" && find . -type f | sort | xargs sha1sum | sha1sum)
sed -i 's/生成的案例 1$/改过的案例/' "$tmp/c/cases/gen-00001.md"
# --clean: the whole site is rebuilt (the cache would make this build too quick to kill midway).
"$bin" build --clean --jobs 1 --content "$tmp/c" --output "$tmp/out" >/dev/null 2>&1 &
pid=$!; sleep 0.7; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
after=$(cd "$tmp/out" && find . -type f | sort | xargs sha1sum | sha1sum)
[ "$before" = "$after" ] && ok || fail "a killed build changed output/"
"$bin" build --content "$tmp/c" --output "$tmp/out" >/dev/null 2>&1
[ -z "$(ls -A "$tmp" | grep -v -e '^c$' -e '^out$' -e '^.out.cache$')" ] && ok || fail "stale staging folders were not cleaned: $(ls -A "$tmp")"
rm -rf "$tmp"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
