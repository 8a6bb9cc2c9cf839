#!/usr/bin/perl
# Prints GNU parallel's option specs (its options_completion_hash), one a line: names|…=type.
# Usage: perl tools/parallel-options.pl /usr/bin/parallel  (tests/tst_paralleloptiontable reads it)
my $src = do { local $/; open my $f, '<', $ARGV[0] or die; <$f> };
$src =~ /(sub options_completion_hash\(\) \{.*?\n\}\n)/s or die "no options_completion_hash";
my $sub = $1; $sub =~ s/\(\)//;
no strict; eval $sub; die $@ if $@;
my %h = options_completion_hash();
for my $k (sort keys %h) { my $s = $k; $s =~ s/\[.*//s; print "$s\n"; }
