#!/usr/bin/perl
# Prints "reason<TAB>kind<TAB>phrase" for the phrase lists of the installed Sisimai's reason
# definitions (Sisimai::Reason::*: string lists as they are, pairs as "a x b", regexes as the
# pattern text with newlines encoded as \x01 for scripts/lib/expand-regex.py). Reads the modules
# where Perl finds them; nothing of Sisimai is copied into this repository.
use strict; use warnings;
use Sisimai;
(my $dir = $INC{'Sisimai.pm'}) =~ s/\.pm$//;
for my $f (sort glob("$dir/Reason/*.pm")) {
    my ($reason) = $f =~ m{([A-Za-z]+)\.pm$}; $reason = lc $reason;
    local $/; open my $h, '<', $f or die "$f: $!"; my $src = <$h>; close $h;
    while ($src =~ /state\s+\$(index|pairs)\s*=\s*(\[.*?\n\s*\]);/sg) {
        my ($kind, $lit) = ($1, $2);
        my $v = eval $lit; next unless ref $v eq 'ARRAY';
        for my $e (@$v) {
            print ref $e eq 'ARRAY' ? "$reason\tpair\t" . join(' x ', @$e) . "\n" : "$reason\tindex\t$e\n";
        }
    }
    while ($src =~ /state\s+\$regex\s*=\s*(qr\{.*?\}x?i?);/sg) {
        my $v = eval $1; next if $@;
        (my $s = "$v") =~ s/\n/\x01/g;
        print "$reason\tregex\t$s\n";
    }
}
