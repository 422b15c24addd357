#!/usr/bin/perl
# Prints "reason<TAB>module<TAB>phrase" for the vendor phrase tables of the installed Sisimai's MTA
# and provider modules (Sisimai::Lhost::*, Sisimai::Rhost::*: hashes of reason => [phrases] or
# reason => qr//; a regex as the pattern text with newlines encoded as \x01 for
# scripts/lib/expand-regex.py, its module column then "regex:MODULE"). Best effort: tables of another
# shape are skipped. Reads the modules where Perl finds them; nothing of Sisimai is copied here.
use strict; use warnings;
use Sisimai;
(my $dir = $INC{'Sisimai.pm'}) =~ s/\.pm$//;
for my $f (sort(glob("$dir/Lhost/*.pm"), glob("$dir/Rhost/*.pm"))) {
    local $/; open my $h, '<', $f or die "$f: $!"; my $src = <$h>; close $h;
    (my $mod = $f) =~ s{.*/(\w+/\w+)\.pm$}{$1};
    while ($src =~ /'([a-z]+)'\s*=>\s*(\[[^\]]*?\]|qr\{.*?\}x?|qr\/.*?\/x?)\s*,/sg) {
        my ($reason, $lit) = ($1, $2);
        my $v = eval $lit; next if $@;
        if (ref $v eq 'ARRAY') { for (@$v) { next if ref; print "$reason\t$mod\t$_\n"; } }
        elsif (ref $v eq 'Regexp') { (my $s = "$v") =~ s/\n/\x01/g; print "$reason\tregex:$mod\t$s\n"; }
    }
}
